package io.cronhive.admin.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as a problem document: used for the errors the container answers without the
 * application (a request line or path it cannot decode, a refused TRACE), which otherwise get an HTML page.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		if (status == 501) {
			// Tomcat's answer to a method it does not implement (CONNECT): the client's error, said as such.
			status = 405;
			response.setStatus(status);
			response.setHeader("Allow", String.join(", ", RequestShapeFilter.METHODS));
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get() || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String slug = (status == 400) ? "invalid-request" : title.toLowerCase(Locale.ROOT).replace(' ', '-');
		try {
			response.resetBuffer();
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			byte[] body = Problems.body((known != null) ? known : HttpStatus.BAD_REQUEST, slug, title, null, List.of());
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response committed meanwhile: nothing more to say
		}
	}

}
