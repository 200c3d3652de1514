package io.cronhive.admin.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the container and the JSON reader do with input the API never meant to accept: a JSON key given twice is
 * refused (instead of failing a record's binding as a server error), and the errors Tomcat answers itself, before
 * any filter (an undecodable path, TRACE), are problem documents instead of HTML pages.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictDuplicateDetection() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * Replaces the host's HTML error report with {@link ProblemErrorReportValve}; done when the context starts,
	 * after Spring Boot has added its own report valve.
	 */
	@Bean
	TomcatContextCustomizer problemErrorReports() {
		return (context) -> context.addLifecycleListener((event) -> {
			if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
				replaceErrorReport(context.getParent());
			}
		});
	}

	private static void replaceErrorReport(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
				pipeline.removeValve(valve);
			}
		}
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ProblemErrorReportValve) {
				return;
			}
		}
		pipeline.addValve(new ProblemErrorReportValve());
	}

}
