package io.cronhive.admin.alert;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/alert-channels} and {@code PUT /v1/alert-channels/{id}} (a full replacement).
 *
 * @param type {@code webhook} or {@code email}
 * @param url the webhook's http(s) address (webhook only)
 * @param secret the webhook's HMAC key, at least 16 characters; omitted on create: one is generated and answered
 * once; omitted on update: the current one is kept
 * @param recipients the email addresses (email only)
 * @param enabled a disabled channel receives nothing (default true)
 * @param maxPerHour alerts sent per hour at most; beyond, they are recorded as suppressed (default 30)
 * @param version the version read, for an update that must not overwrite a concurrent edit (optional)
 */
record AlertChannelRequest(@NotBlank @Size(max = 128) String name, @NotNull ChannelType type,
		@Size(max = 2048) String url, @Size(min = 16, max = 255) String secret,
		@Size(max = 20) List<@NotBlank @Email @Size(max = 254) String> recipients, Boolean enabled,
		@Min(1) @Max(3600) Integer maxPerHour, Long version) {

	/** Never the secret: a request printed by a debugger, a log line or an exception must not carry it. */
	@Override
	public String toString() {
		return "AlertChannelRequest[name=" + this.name + ", type=" + this.type + ", url=" + this.url + ", secret="
				+ ((this.secret != null) ? "(set)" : "null") + ", recipients=" + this.recipients + ", enabled="
				+ this.enabled + ", maxPerHour=" + this.maxPerHour + ", version=" + this.version + "]";
	}

}
