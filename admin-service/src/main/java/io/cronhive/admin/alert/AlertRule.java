package io.cronhive.admin.alert;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** When to alert and whom: a kind, its scope (one job or group, or all), its threshold and its channels. */
@Entity
@Table(name = "alert_rules")
class AlertRule {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 128)
	private String name;

	@Convert(converter = KindColumn.class)
	@Column(nullable = false, length = 32)
	private RuleKind kind;

	@Column(name = "job_id")
	private Long jobId;

	@Column(name = "group_id")
	private Long groupId;

	private Long threshold;

	@Column(nullable = false)
	private boolean enabled;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "alert_rule_channels", joinColumns = @JoinColumn(name = "rule_id"))
	@Column(name = "channel_id", nullable = false)
	private Set<Long> channelIds = new LinkedHashSet<>();

	@Column(name = "created_at", nullable = false, updatable = false)
	private long createdAt;

	@Column(name = "updated_at", nullable = false)
	private long updatedAt;

	@Version
	private long version;

	protected AlertRule() {
	}

	AlertRule(Settings settings, long now) {
		this.createdAt = now;
		update(settings, now);
	}

	/** @return whether what the rule watches changed (kind, scope or threshold), so its open incidents end */
	boolean update(Settings settings, long now) {
		boolean watchChanged = this.kind != settings.kind() || !Objects.equals(this.jobId, settings.jobId())
				|| !Objects.equals(this.groupId, settings.groupId())
				|| !Objects.equals(this.threshold, settings.threshold()) || this.enabled != settings.enabled();
		this.name = settings.name();
		this.kind = settings.kind();
		this.jobId = settings.jobId();
		this.groupId = settings.groupId();
		this.threshold = settings.threshold();
		this.enabled = settings.enabled();
		this.channelIds.clear();
		this.channelIds.addAll(settings.channelIds());
		this.updatedAt = now;
		return watchChanged;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	RuleKind getKind() {
		return this.kind;
	}

	Long getJobId() {
		return this.jobId;
	}

	Long getGroupId() {
		return this.groupId;
	}

	Long getThreshold() {
		return this.threshold;
	}

	boolean isEnabled() {
		return this.enabled;
	}

	Set<Long> getChannelIds() {
		return Set.copyOf(this.channelIds);
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

	/** A rule's editable settings, validated. */
	record Settings(String name, RuleKind kind, Long jobId, Long groupId, Long threshold, boolean enabled,
			Set<Long> channelIds) {
	}

	@Converter
	static class KindColumn implements AttributeConverter<RuleKind, String> {

		@Override
		public String convertToDatabaseColumn(RuleKind kind) {
			return (kind != null) ? kind.wireName() : null;
		}

		@Override
		public RuleKind convertToEntityAttribute(String stored) {
			return (stored != null) ? RuleKind.of(stored) : null;
		}

	}

}
