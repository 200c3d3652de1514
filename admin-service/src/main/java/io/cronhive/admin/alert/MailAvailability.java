package io.cronhive.admin.alert;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Whether this service can send email: Spring Mail defines its sender only when {@code spring.mail.host} is set.
 * Without it, creating an email channel is refused (naming {@code type}), so nobody relies on alerts that
 * cannot leave; a channel that outlives the setting has its deliveries recorded as failed with that reason.
 */
@Component
class MailAvailability {

	static final String NOT_CONFIGURED = "email is not configured on this server (set spring.mail.host, "
			+ "e.g. SPRING_MAIL_HOST, and restart admin-service)";

	private final ObjectProvider<JavaMailSender> sender;

	MailAvailability(ObjectProvider<JavaMailSender> sender) {
		this.sender = sender;
	}

	/** The sender, or null when mail is not configured. */
	JavaMailSender sender() {
		return this.sender.getIfAvailable();
	}

}
