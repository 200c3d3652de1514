package io.cronhive.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The agent installed on every host that runs jobs: it accepts signed runs from the leading master,
 * executes them under process control, and spools each result to disk until a master acknowledges it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WorkerAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerAgentApplication.class, args);
	}

}
