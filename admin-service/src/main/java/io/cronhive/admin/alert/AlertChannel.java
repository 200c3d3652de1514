package io.cronhive.admin.alert;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Where alerts go. The webhook secret is kept to sign with and never leaves through a view; an update without a
 * secret keeps the current one.
 */
@Entity
@Table(name = "alert_channels")
class AlertChannel {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 128)
	private String name;

	@Convert(converter = TypeColumn.class)
	@Column(nullable = false, length = 16)
	private ChannelType type;

	@Column(length = 2048)
	private String url;

	@Column(length = 255)
	private String secret;

	@Column(length = 2048)
	private String recipients;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "max_per_hour", nullable = false)
	private int maxPerHour;

	@Column(name = "created_at", nullable = false, updatable = false)
	private long createdAt;

	@Column(name = "updated_at", nullable = false)
	private long updatedAt;

	@Version
	private long version;

	protected AlertChannel() {
	}

	AlertChannel(Settings settings, String secret, long now) {
		this.createdAt = now;
		this.secret = secret;
		update(settings, secret, now);
	}

	/** @param secret the new secret, or null to keep the current one */
	void update(Settings settings, String secret, long now) {
		this.name = settings.name();
		this.type = settings.type();
		this.url = settings.url();
		this.recipients = settings.recipients().isEmpty() ? null : String.join(",", settings.recipients());
		this.enabled = settings.enabled();
		this.maxPerHour = settings.maxPerHour();
		if (settings.type() != ChannelType.WEBHOOK) {
			this.secret = null;
		}
		else if (secret != null) {
			this.secret = secret;
		}
		this.updatedAt = now;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	ChannelType getType() {
		return this.type;
	}

	String getUrl() {
		return this.url;
	}

	boolean hasSecret() {
		return this.secret != null;
	}

	List<String> getRecipients() {
		return (this.recipients == null) ? List.of() : Arrays.asList(this.recipients.split(","));
	}

	boolean isEnabled() {
		return this.enabled;
	}

	int getMaxPerHour() {
		return this.maxPerHour;
	}

	long getCreatedAt() {
		return this.createdAt;
	}

	long getUpdatedAt() {
		return this.updatedAt;
	}

	long getVersion() {
		return this.version;
	}

	/** A channel's editable settings, validated. */
	record Settings(String name, ChannelType type, String url, List<String> recipients, boolean enabled,
			int maxPerHour) {
	}

	@Converter
	static class TypeColumn implements AttributeConverter<ChannelType, String> {

		@Override
		public String convertToDatabaseColumn(ChannelType type) {
			return (type != null) ? type.wireName() : null;
		}

		@Override
		public ChannelType convertToEntityAttribute(String stored) {
			return (stored != null) ? ChannelType.of(stored) : null;
		}

	}

}
