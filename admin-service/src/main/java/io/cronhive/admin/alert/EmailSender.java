package io.cronhive.admin.alert;

import io.cronhive.admin.web.LogText;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends an alert as a plain-text email through Spring Mail ({@code spring.mail.*}). */
@Component
class EmailSender {

	private final MailAvailability mail;

	private final AlertProperties properties;

	private final JsonMapper json;

	EmailSender(MailAvailability mail, AlertProperties properties, JsonMapper json) {
		this.mail = mail;
		this.properties = properties;
		this.json = json;
	}

	SendResult send(Outbox.Due delivery) {
		JavaMailSender sender = this.mail.sender();
		if (sender == null) {
			return SendResult.failed(MailAvailability.NOT_CONFIGURED);
		}
		if (delivery.recipients() == null || delivery.recipients().isBlank()) {
			return SendResult.failed("the channel has no recipients");
		}
		AlertMessage alert = this.json.readValue(delivery.payload(), AlertMessage.class);
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(delivery.recipients().split(","));
		message.setSubject(subject(alert));
		message.setText(body(alert));
		try {
			sender.send(message);
			return SendResult.ok("accepted by the SMTP server for " + delivery.recipients().split(",").length + " recipient(s)");
		}
		catch (MailException ex) {
			return SendResult.failed("SMTP: " + LogText.of(ex.getMostSpecificCause().getMessage()));
		}
	}

	static String subject(AlertMessage alert) {
		String tag = switch (alert.event()) {
			case "firing" -> "[cronhive FIRING] ";
			case "resolved" -> "[cronhive RESOLVED] ";
			default -> "[cronhive TEST] ";
		};
		String subject = tag + alert.summary();
		// One header line: no CR/LF from run messages, and short.
		subject = subject.replaceAll("[\\r\\n]+", " ");
		return (subject.length() > 200) ? subject.substring(0, 199) + "…" : subject;
	}

	static String body(AlertMessage alert) {
		StringBuilder text = new StringBuilder(alert.summary()).append("\n\n");
		line(text, "Event", alert.event());
		line(text, "Incident", alert.incidentId());
		if (alert.rule() != null) {
			line(text, "Rule", alert.rule().name() + " (" + alert.rule().kind() + ", id " + alert.rule().id() + ")");
		}
		if (alert.subject() != null) {
			line(text, "Subject", alert.subject().type() + " " + alert.subject().name() + " (id " + alert.subject().id() + ")");
		}
		line(text, "Run", alert.runId());
		line(text, "Opened at", alert.openedAt());
		line(text, "Resolved at", alert.resolvedAt());
		line(text, "Occurrences", alert.occurrences());
		line(text, "Raised at", alert.at());
		return text.append("\n-- \ncronhive alerting\n").toString();
	}

	private static void line(StringBuilder text, String label, Object value) {
		if (value != null) {
			text.append(label).append(": ").append(value).append('\n');
		}
	}

}
