package io.cronhive.admin.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.cronhive.admin.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class AlertChannelServiceTests {

	final AlertChannelRepository repository = mock(AlertChannelRepository.class);

	final MailAvailability noMail = new MailAvailability(new StaticListableBeanFactory()
		.getBeanProvider(JavaMailSender.class));

	final AlertChannelService service = new AlertChannelService(this.repository, this.noMail,
			Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void emailChannelIsRefusedNamingTypeWhenTheServerHasNoMailHost() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.create(new AlertChannelRequest("ops mail", ChannelType.EMAIL, null, null,
					List.of("ops@example.com"), true, null, null)))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement().satisfies((e) -> {
				assertThat(e.field()).isEqualTo("type");
				assertThat(e.message()).contains("spring.mail.host");
			}));
	}

	@Test
	void webhookWithFtpUrlAndRecipientsIsRefusedNamingBothFields() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.create(new AlertChannelRequest("hook", ChannelType.WEBHOOK,
					"ftp://example.com", null, List.of("a@example.com"), true, null, null)))
			.satisfies((ex) -> assertThat(ex.errors()).extracting("field").containsExactly("url", "recipients"));
	}

	@Test
	void aChannelRequestNeverPrintsItsSecret() {
		assertThat(new AlertChannelRequest("hook", ChannelType.WEBHOOK, "https://x.example", "super-secret-value-123",
				null, true, null, null)).asString().doesNotContain("super-secret-value-123").contains("secret=(set)");
	}

}
