package io.cronhive.admin.alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.NotFoundException;
import io.cronhive.admin.web.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule rules: a job kind may name a job, the group kind a group, thresholds fit the kind, channels exist. A rule
 * whose watch changes (or that is disabled or deleted) ends its open incidents quietly: they described a rule
 * that no longer holds, and an all-clear for them would be noise.
 */
@Service
class AlertRuleService {

	private static final Logger log = LoggerFactory.getLogger(AlertRuleService.class);

	private final AlertRuleRepository rules;

	private final AlertChannelRepository channels;

	private final Subjects subjects;

	private final IncidentStore incidents;

	private final Clock clock;

	AlertRuleService(AlertRuleRepository rules, AlertChannelRepository channels, Subjects subjects,
			IncidentStore incidents, Clock clock) {
		this.rules = rules;
		this.channels = channels;
		this.subjects = subjects;
		this.incidents = incidents;
		this.clock = clock;
	}

	@Transactional
	AlertRuleView create(AlertRuleRequest request) {
		AlertRule.Settings settings = validate(request);
		if (this.rules.existsByName(settings.name())) {
			throw ConflictException.duplicate("name", "alert rule", settings.name());
		}
		AlertRule rule = this.rules.saveAndFlush(new AlertRule(settings, this.clock.millis()));
		log.info("Created alert rule {} '{}' ({})", rule.getId(), LogText.of(settings.name()), settings.kind().wireName());
		return views(List.of(rule)).get(0);
	}

	@Transactional(readOnly = true)
	AlertRuleView get(long id) {
		return views(List.of(find(id))).get(0);
	}

	@Transactional(readOnly = true)
	PageView<AlertRuleView> list(String name, Pageable pageable) {
		Page<AlertRule> page = this.rules.findByNameContainingIgnoreCase((name != null) ? name.trim() : "", pageable);
		return new PageView<>(views(page.getContent()), page.getNumber(), page.getSize(), page.getTotalElements());
	}

	@Transactional
	AlertRuleView update(long id, AlertRuleRequest request, String ifMatch) {
		AlertRule rule = find(id);
		Versions.check("alert rule", id, ifMatch, request.version(), rule.getVersion());
		AlertRule.Settings settings = validate(request);
		if (this.rules.existsByNameAndIdNot(settings.name(), id)) {
			throw ConflictException.duplicate("name", "alert rule", settings.name());
		}
		if (rule.update(settings, this.clock.millis())) {
			int ended = this.incidents.endQuietly(id, "the rule was changed", this.clock.millis());
			log.info("Alert rule {} changed what it watches; {} open incident(s) ended without an all-clear", id, ended);
		}
		this.rules.saveAndFlush(rule);
		log.info("Updated alert rule {} '{}'", id, LogText.of(settings.name()));
		return views(List.of(rule)).get(0);
	}

	@Transactional
	void delete(long id) {
		AlertRule rule = find(id);
		this.incidents.endQuietly(id, "the rule was deleted", this.clock.millis());
		this.rules.delete(rule);
		log.info("Deleted alert rule {} '{}'", id, LogText.of(rule.getName()));
	}

	private AlertRule find(long id) {
		return this.rules.findById(id).orElseThrow(() -> new NotFoundException("alert rule", id));
	}

	private AlertRule.Settings validate(AlertRuleRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		RuleKind kind = request.kind();
		if (kind.groupRule() && request.jobId() != null) {
			problems.add(new FieldProblem("jobId", "is for job rules; group_unhealthy watches a worker group"));
		}
		if (!kind.groupRule() && request.groupId() != null) {
			problems.add(new FieldProblem("groupId", "is for group_unhealthy rules only"));
		}
		if (request.jobId() != null && !kind.groupRule() && this.subjects.jobName(request.jobId()) == null) {
			problems.add(new FieldProblem("jobId", "no job has id " + request.jobId()));
		}
		if (request.groupId() != null && kind.groupRule() && this.subjects.groupName(request.groupId()) == null) {
			problems.add(new FieldProblem("groupId", "no worker group has id " + request.groupId()));
		}
		String thresholdProblem = thresholdProblem(kind, request.threshold());
		if (thresholdProblem != null) {
			problems.add(new FieldProblem("threshold", thresholdProblem));
		}
		Set<Long> channelIds = new LinkedHashSet<>(request.channelIds());
		Set<Long> known = this.channels.findByIdIn(channelIds).stream().map(AlertChannel::getId).collect(Collectors.toSet());
		Set<Long> unknown = new TreeSet<>(channelIds);
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			problems.add(new FieldProblem("channelIds", "no alert channel has id " + unknown));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new AlertRule.Settings(request.name().trim(), kind, request.jobId(), request.groupId(),
				request.threshold(), request.enabled() == null || request.enabled(), channelIds);
	}

	static String thresholdProblem(RuleKind kind, Long threshold) {
		return switch (kind) {
			case CONSECUTIVE_FAILURES -> (threshold == null || threshold < 2 || threshold > 1000)
					? "is required for consecutive_failures: the failures in a row, from 2 to 1000" : null;
			case LATE_TRIGGER, LONG_RUN -> (threshold == null || threshold < 1000 || threshold > 7L * 24 * 3600 * 1000)
					? "is required for " + kind.wireName() + ": milliseconds, from 1000 to 604800000 (7 days)" : null;
			default -> (threshold != null) ? "is not used by " + kind.wireName() + "; leave it out" : null;
		};
	}

	private List<AlertRuleView> views(List<AlertRule> page) {
		Map<Long, String> jobs = this.subjects.jobNames(page.stream().map(AlertRule::getJobId).filter((id) -> id != null).toList());
		Map<Long, String> groups = this.subjects
			.groupNames(page.stream().map(AlertRule::getGroupId).filter((id) -> id != null).toList());
		Map<Long, AlertChannel> channels = this.channels
			.findByIdIn(page.stream().flatMap((r) -> r.getChannelIds().stream()).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(AlertChannel::getId, (c) -> c));
		return page.stream()
			.map((rule) -> new AlertRuleView(rule.getId(), rule.getName(), rule.getKind(), rule.getJobId(),
					jobs.get(rule.getJobId()), rule.getGroupId(), groups.get(rule.getGroupId()), rule.getThreshold(),
					rule.getKind().thresholdUnit(), rule.isEnabled(),
					rule.getChannelIds()
						.stream()
						.map(channels::get)
						.filter((c) -> c != null)
						.sorted(Comparator.comparing(AlertChannel::getName))
						.map((c) -> new AlertRuleView.ChannelRef(c.getId(), c.getName(), c.getType()))
						.toList(),
					rule.getCreatedAt(), rule.getUpdatedAt(), rule.getVersion()))
			.toList();
	}

}
