package io.cronhive.admin.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cronhive.common.log.LogStorm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns run rows and worker group health into incidents and outbox rows. One tick is one transaction that
 * first locks the single {@code alert_evaluator} row: so one replica evaluates at a time, and the incident
 * changes, their deliveries and the advanced cursor commit together or not at all (a crash mid-tick redoes the
 * tick; nothing is announced twice or lost). Work per tick is bounded by {@link AlertProperties#batchSize()}.
 */
@Component
class AlertEvaluator {

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

	static final int MAX_TICKS_IN_A_ROW = 20;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AlertRuleRepository rules;

	private final AlertChannelRepository channels;

	private final RunRows runs;

	private final GroupHealthRows groups;

	private final IncidentStore incidents;

	private final Outbox outbox;

	private final JsonMapper json;

	private final AlertProperties properties;

	private final Clock clock;

	private final LogStorm storm = new LogStorm(Duration.ofMinutes(1));

	AlertEvaluator(JdbcClient jdbc, TransactionTemplate transactions, AlertRuleRepository rules,
			AlertChannelRepository channels, RunRows runs, GroupHealthRows groups, IncidentStore incidents,
			Outbox outbox, JsonMapper json, AlertProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rules = rules;
		this.channels = channels;
		this.runs = runs;
		this.groups = groups;
		this.incidents = incidents;
		this.outbox = outbox;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cronhive.alert.evaluate-interval:2s}", initialDelayString = "${cronhive.alert.evaluate-interval:2s}")
	void scheduledTick() {
		try {
			// A full batch means more rows wait: go on at once (each tick its own transaction) rather than fall
			// behind a busy cluster by a batch per interval; bounded, so one interval never runs away.
			for (int i = 0; i < MAX_TICKS_IN_A_ROW; i++) {
				Tick tick = evaluate();
				if (tick.opened() + tick.resolved() > 0) {
					log.info("Alerting: {} incident(s) opened, {} resolved from {} run(s)", tick.opened(),
							tick.resolved(), tick.runsRead());
				}
				if (!tick.more()) {
					break;
				}
			}
		}
		catch (RuntimeException ex) {
			LogStorm.Line line = this.storm.occurred(ex.getClass().getName());
			if (line != null) {
				log.warn("Alert evaluation failed ({} time(s) in the last minute); the next tick retries from the same cursor",
						line.count(), line.first() ? ex : null);
			}
		}
	}

	/** One tick, in one transaction. */
	Tick evaluate() {
		return this.transactions.execute((status) -> tick());
	}

	private Tick tick() {
		long cursor = this.jdbc.sql("SELECT run_cursor FROM alert_evaluator WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> (rs.getObject(1) != null) ? rs.getLong(1) : -1L)
			.single();
		// Read after the lock: the previous holder's commit is visible now.
		long now = this.clock.millis();
		this.incidents.endOrphans(now);
		List<AlertRule> active = this.rules.findAll().stream().filter(AlertRule::isEnabled).toList();
		Context context = new Context(now, this.incidents.open(), this.channels
			.findAllById(active.stream().flatMap((r) -> r.getChannelIds().stream()).collect(Collectors.toSet()))
			.stream()
			.filter(AlertChannel::isEnabled)
			.collect(Collectors.toMap(AlertChannel::getId, Function.identity())));
		List<AlertRule> jobRules = active.stream().filter((r) -> !r.getKind().groupRule()).toList();
		int read = 0;
		boolean more = false;
		if (cursor < 0 || jobRules.isEmpty()) {
			// First tick, or nothing watches runs: start from the newest run, never alert on history.
			cursor = this.runs.newestId();
			this.runs.forgetAllPending();
		}
		else {
			this.runs.forgetVanished();
			for (RunRows.Row row : this.runs.pendingFinished(this.properties.batchSize())) {
				judgeRun(row.fact(), jobRules, context);
				this.runs.unpark(row.fact().runId());
				read++;
			}
			long settled = now - this.properties.settleTime().toMillis();
			List<RunRows.Row> after = this.runs.after(cursor, this.properties.batchSize());
			more = after.size() == this.properties.batchSize();
			for (RunRows.Row row : after) {
				if (row.createTime() > settled) {
					more = false;
					break; // younger rows may still have uncommitted neighbours below them
				}
				if (row.fact().finished()) {
					judgeRun(row.fact(), jobRules, context);
				}
				else {
					this.runs.park(row.fact().runId());
				}
				cursor = row.fact().runId();
				read++;
			}
			judgeRunning(jobRules, context);
		}
		judgeGroups(active.stream().filter((r) -> r.getKind().groupRule()).toList(), context);
		this.jdbc.sql("UPDATE alert_evaluator SET run_cursor = ?, evaluated_at = ? WHERE id = 1").params(cursor, now).update();
		return new Tick(read, context.opened, context.resolved, more);
	}

	private void judgeRun(RunFact run, List<AlertRule> jobRules, Context context) {
		String subjectKey = "job:" + run.jobId();
		for (AlertRule rule : jobRules) {
			if (rule.getJobId() != null && rule.getJobId() != run.jobId()) {
				continue;
			}
			String key = IncidentStore.openKey(rule.getId(), subjectKey);
			int streak = (rule.getKind() == RuleKind.CONSECUTIVE_FAILURES) ? context.streak(rule.getId(), subjectKey) : 0;
			Verdict verdict = RuleLogic.judge(rule.getKind(), rule.getThreshold(), run, context.open.containsKey(key),
					streak, context.now);
			apply(rule, new AlertMessage.Subject("job", run.jobId(), run.jobName()), subjectKey, verdict, run.runId(), context);
			if (rule.getKind() == RuleKind.CONSECUTIVE_FAILURES && verdict.streak() != streak) {
				this.incidents.saveStreak(rule.getId(), subjectKey, verdict.streak());
				context.streaks.put(key, verdict.streak());
			}
		}
	}

	/** long_run also looks at runs still in flight, so a hung run alerts before it ends (if it ever does). */
	private void judgeRunning(List<AlertRule> jobRules, Context context) {
		List<AlertRule> longRun = jobRules.stream().filter((r) -> r.getKind() == RuleKind.LONG_RUN).toList();
		if (longRun.isEmpty()) {
			return;
		}
		long shortest = longRun.stream().mapToLong((r) -> r.getThreshold()).min().orElseThrow();
		for (RunRows.Row row : this.runs.pendingRunningSince(context.now - shortest, this.properties.batchSize())) {
			judgeRun(row.fact(), longRun, context);
		}
	}

	private void judgeGroups(List<AlertRule> groupRules, Context context) {
		if (groupRules.isEmpty()) {
			return;
		}
		for (GroupHealthRows.GroupHealthRow group : this.groups.all()) {
			String subjectKey = "group:" + group.id();
			for (AlertRule rule : groupRules) {
				if (rule.getGroupId() != null && rule.getGroupId() != group.id()) {
					continue;
				}
				boolean open = context.open.containsKey(IncidentStore.openKey(rule.getId(), subjectKey));
				Verdict verdict = RuleLogic.group(group.name(), group.id(), group.healthy(), group.detail(), open);
				apply(rule, new AlertMessage.Subject("group", group.id(), group.name()), subjectKey, verdict, null, context);
			}
		}
	}

	private void apply(AlertRule rule, AlertMessage.Subject subject, String subjectKey, Verdict verdict, Long runId,
			Context context) {
		String key = IncidentStore.openKey(rule.getId(), subjectKey);
		IncidentStore.Open open = context.open.get(key);
		switch (verdict.transition()) {
			case OPEN -> {
				IncidentStore.Open opened = this.incidents.open(rule, subjectKey, subject.name(), verdict.text(), runId, context.now);
				context.open.put(key, opened);
				context.opened++;
				announce(rule, subject, opened, "firing", verdict.text(), null, runId, context);
			}
			case FOLD -> {
				if (open != null && !Objects.equals(open.lastRunId(), runId)) {
					this.incidents.fold(open.id(), runId);
					context.open.put(key, new IncidentStore.Open(open.id(), open.openedAt(), open.occurrences() + 1, runId));
				}
			}
			case RESOLVE -> {
				if (open != null && this.incidents.resolve(open.id(), verdict.text(), runId, context.now)) {
					context.open.remove(key);
					context.resolved++;
					announce(rule, subject, open, "resolved", verdict.text(), context.now, runId, context);
				}
			}
			case NONE -> {
			}
		}
	}

	private void announce(AlertRule rule, AlertMessage.Subject subject, IncidentStore.Open incident, String event,
			String summary, Long resolvedAt, Long runId, Context context) {
		AlertMessage message = new AlertMessage(event, incident.id(), summary, Instant.ofEpochMilli(context.now).toString(),
				new AlertMessage.Rule(rule.getId(), rule.getName(), rule.getKind().wireName(), rule.getThreshold()), subject,
				Instant.ofEpochMilli(incident.openedAt()).toString(),
				(resolvedAt != null) ? Instant.ofEpochMilli(resolvedAt).toString() : null, runId, incident.occurrences());
		String payload = this.json.writeValueAsString(message);
		for (long channelId : rule.getChannelIds()) {
			AlertChannel channel = context.channels.get(channelId);
			if (channel != null) {
				this.outbox.enqueue(channel, incident.id(), event, payload, context.now);
			}
		}
	}

	/**
	 * What a tick did.
	 *
	 * @param runsRead rows read (finished runs judged and unfinished ones parked)
	 * @param more whether settled rows are left to read at once
	 */
	record Tick(int runsRead, int opened, int resolved, boolean more) {
	}

	/** One tick's state: open incidents, channels and streaks read once, and what the tick changed. */
	private final class Context {

		final long now;

		final Map<String, IncidentStore.Open> open;

		final Map<Long, AlertChannel> channels;

		final Map<String, Integer> streaks = new HashMap<>();

		int opened;

		int resolved;

		Context(long now, Map<String, IncidentStore.Open> open, Map<Long, AlertChannel> channels) {
			this.now = now;
			this.open = open;
			this.channels = channels;
		}

		int streak(long ruleId, String subjectKey) {
			return this.streaks.computeIfAbsent(IncidentStore.openKey(ruleId, subjectKey),
					(k) -> AlertEvaluator.this.incidents.streak(ruleId, subjectKey));
		}

	}

}
