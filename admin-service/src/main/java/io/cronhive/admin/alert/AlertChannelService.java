package io.cronhive.admin.alert;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel rules: unique names, a webhook has an acceptable http(s) URL and a secret (generated when none is
 * given, answered once), an email channel has recipients and a server that can send mail. Secrets are never
 * logged.
 */
@Service
class AlertChannelService {

	private static final Logger log = LoggerFactory.getLogger(AlertChannelService.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AlertChannelRepository channels;

	private final MailAvailability mail;

	private final Clock clock;

	AlertChannelService(AlertChannelRepository channels, MailAvailability mail, Clock clock) {
		this.channels = channels;
		this.mail = mail;
		this.clock = clock;
	}

	@Transactional
	AlertChannelView create(AlertChannelRequest request) {
		AlertChannel.Settings settings = validate(request);
		if (this.channels.existsByName(settings.name())) {
			throw ConflictException.duplicate("name", "alert channel", settings.name());
		}
		String secret = (settings.type() == ChannelType.WEBHOOK)
				? ((request.secret() != null) ? request.secret() : generatedSecret()) : null;
		AlertChannel channel = this.channels.saveAndFlush(new AlertChannel(settings, secret, this.clock.millis()));
		log.info("Created alert channel {} '{}' ({})", channel.getId(), LogText.of(settings.name()),
				settings.type().wireName());
		return AlertChannelView.from(channel, secret);
	}

	@Transactional(readOnly = true)
	AlertChannelView get(long id) {
		return AlertChannelView.from(find(id), null);
	}

	@Transactional(readOnly = true)
	PageView<AlertChannelView> list(String name, Pageable pageable) {
		return PageView.of(this.channels.findByNameContainingIgnoreCase((name != null) ? name.trim() : "", pageable),
				(channel) -> AlertChannelView.from(channel, null));
	}

	@Transactional
	AlertChannelView update(long id, AlertChannelRequest request, String ifMatch) {
		AlertChannel channel = find(id);
		Versions.check("alert channel", id, ifMatch, request.version(), channel.getVersion());
		AlertChannel.Settings settings = validate(request);
		if (this.channels.existsByNameAndIdNot(settings.name(), id)) {
			throw ConflictException.duplicate("name", "alert channel", settings.name());
		}
		String secret = request.secret();
		if (settings.type() == ChannelType.WEBHOOK && secret == null && !channel.hasSecret()) {
			secret = generatedSecret(); // an email channel turned into a webhook needs one
		}
		channel.update(settings, secret, this.clock.millis());
		this.channels.saveAndFlush(channel);
		log.info("Updated alert channel {} '{}'{}", id, LogText.of(settings.name()),
				(secret != null) ? " with a new secret" : "");
		return AlertChannelView.from(channel, (settings.type() == ChannelType.WEBHOOK) ? secret : null);
	}

	@Transactional
	void delete(long id) {
		AlertChannel channel = find(id);
		this.channels.delete(channel);
		log.info("Deleted alert channel {} '{}'", id, LogText.of(channel.getName()));
	}

	AlertChannel find(long id) {
		return this.channels.findById(id).orElseThrow(() -> new NotFoundException("alert channel", id));
	}

	private AlertChannel.Settings validate(AlertChannelRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		List<String> recipients = (request.recipients() != null)
				? request.recipients().stream().map(String::trim).distinct().toList() : List.of();
		String url = (request.url() != null && !request.url().isBlank()) ? request.url().trim() : null;
		if (request.type() == ChannelType.WEBHOOK) {
			String problem = WebhookTargets.problem(url);
			if (problem != null) {
				problems.add(new FieldProblem("url", problem));
			}
			if (!recipients.isEmpty()) {
				problems.add(new FieldProblem("recipients", "is for email channels only"));
			}
		}
		else {
			if (recipients.isEmpty()) {
				problems.add(new FieldProblem("recipients", "at least one address is required for an email channel"));
			}
			if (url != null) {
				problems.add(new FieldProblem("url", "is for webhook channels only"));
			}
			if (request.secret() != null) {
				problems.add(new FieldProblem("secret", "is for webhook channels only"));
			}
			if (this.mail.sender() == null) {
				problems.add(new FieldProblem("type", MailAvailability.NOT_CONFIGURED));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new AlertChannel.Settings(request.name().trim(), request.type(), url, recipients,
				request.enabled() == null || request.enabled(),
				(request.maxPerHour() != null) ? request.maxPerHour() : 30);
	}

	private static String generatedSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
