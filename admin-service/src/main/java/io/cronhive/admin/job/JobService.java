package io.cronhive.admin.job;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cronhive.admin.dependency.DependencyService;
import io.cronhive.admin.web.ConflictException;
import io.cronhive.admin.web.LogText;
import io.cronhive.admin.web.PageView;
import io.cronhive.admin.web.PreconditionException;
import io.cronhive.admin.workergroup.WorkerGroupLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns the job rules and the transaction boundary: a job and its schedule row are created together, an update
 * applies only to the version the caller read, and a change of the firing rule makes the scheduler replan.
 */
@Service
public class JobService {

	private static final Logger log = LoggerFactory.getLogger(JobService.class);

	private final JobRepository jobs;

	private final JobScheduleRepository schedules;

	private final JobValidator validator;

	private final WorkerGroupLookup groups;

	private final JsonMapper json;

	private final DependencyService dependencies;

	private final Clock clock;

	JobService(JobRepository jobs, JobScheduleRepository schedules, JobValidator validator, WorkerGroupLookup groups,
			JsonMapper json, DependencyService dependencies, Clock clock) {
		this.dependencies = dependencies;
		this.jobs = jobs;
		this.schedules = schedules;
		this.validator = validator;
		this.groups = groups;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	JobView create(JobRequest request, String username) {
		JobDefinition definition = this.validator.validate(request);
		if (this.jobs.existsByName(definition.name())) {
			throw ConflictException.duplicate("name", "job", definition.name());
		}
		long now = this.clock.millis();
		Job job = this.jobs.saveAndFlush(new Job(definition, username, now));
		JobSchedule schedule = this.schedules.save(new JobSchedule(job.getId(), now));
		this.dependencies.replace(job.getId(), request.children(), request.joinParents(), request.joinTimeoutMs());
		log.info("Created job {} '{}' ({}) for {}", job.getId(), LogText.of(job.getName()), job.getJobId(),
				LogText.of(username));
		return view(job, schedule);
	}

	/** The job with this id. Public for the run log's "run now". */
	@Transactional(readOnly = true)
	public JobView get(long id) {
		Job job = this.jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
		return view(job, this.schedules.findById(id).orElse(null));
	}

	@Transactional(readOnly = true)
	PageView<JobView> list(JobFilter filter, Pageable pageable) {
		Page<Job> page = this.jobs.findAll(filter.toSpecification(), pageable);
		List<Long> ids = page.getContent().stream().map(Job::getId).toList();
		Map<Long, JobSchedule> scheduleById = this.schedules.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(JobSchedule::getJobId, Function.identity()));
		Map<Long, String> groupNames = this.groups.namesOf(
				page.getContent().stream().map(Job::getGroupId).filter(Objects::nonNull).collect(Collectors.toSet()));
		return PageView.of(page, (job) -> JobView.of(job, scheduleById.get(job.getId()),
				groupNames.get(job.getGroupId()), parameters(job)));
	}

	/**
	 * Replaces the definition if {@code expectedVersion} (body) and {@code ifMatch} (header) agree with the
	 * current version; at least one is required, because an unconditional overwrite is how edits get lost.
	 */
	@Transactional
	JobView update(long id, JobRequest request, String ifMatch) {
		Job job = this.jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
		if (request.version() == null && ifMatch == null) {
			throw PreconditionException.required("job");
		}
		if (ifMatch != null && !ETags.matches(ifMatch, job.getVersion())) {
			throw PreconditionException.failed("job", id, ifMatch, job.getVersion());
		}
		if (request.version() != null && request.version() != job.getVersion()) {
			throw ConflictException.staleVersion("job", id, request.version(), job.getVersion());
		}
		JobDefinition definition = this.validator.validate(request);
		if (this.jobs.existsByNameAndIdNot(definition.name(), id)) {
			throw ConflictException.duplicate("name", "job", definition.name());
		}
		long now = this.clock.millis();
		boolean ruleChanged = job.apply(definition, now);
		// Flush now so a concurrent update fails on the version check here, inside this transaction.
		this.jobs.saveAndFlush(job);
		this.dependencies.replace(id, request.children(), request.joinParents(), request.joinTimeoutMs());
		if (ruleChanged) {
			this.schedules.resetNextFire(id, now);
			log.info("Job {} firing rule changed to '{}' ({}); next fire time reset", id,
					LogText.of(definition.cron()), LogText.of(definition.timeZone()));
		}
		Job updated = this.jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
		return view(updated, this.schedules.findById(id).orElse(null));
	}

	@Transactional
	void delete(long id) {
		Job job = this.jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
		this.dependencies.refuseDeleteIfNamed(id, job.getName());
		// job_schedules rows go with it, and so do the dependencies it owns (ON DELETE CASCADE); run logs stay as
		// history.
		this.jobs.delete(job);
		log.info("Deleted job {} '{}' ({})", id, LogText.of(job.getName()), job.getJobId());
	}

	private JobView view(Job job, JobSchedule schedule) {
		String groupName = (job.getGroupId() != null)
				? this.groups.namesOf(List.of(job.getGroupId())).get(job.getGroupId()) : null;
		return JobView.of(job, schedule, groupName, parameters(job));
	}

	private Map<String, String> parameters(Job job) {
		if (job.getParameters() == null || job.getParameters().isBlank()) {
			return Map.of();
		}
		return this.json.readValue(job.getParameters(), new TypeReference<Map<String, String>>() {
		});
	}

}
