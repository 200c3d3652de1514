package io.cronhive.admin.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import io.cronhive.admin.workergroup.WorkerGroupLookup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class JobValidatorTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final WorkerGroupLookup groups = mock(WorkerGroupLookup.class);

	private final JobValidator validator = new JobValidator(this.groups, this.json,
			Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void acceptsQuartzAndUnixCronAndAppliesDefaults() {
		JobDefinition quartz = this.validator.validate(request("*/5 * * * * ?", null, "shell", text("echo hi")));
		JobDefinition unix = this.validator.validate(request("0 3 * * 1-5", "Europe/Paris", "command", text("date")));
		assertThat(quartz.timeZone()).isEqualTo("UTC");
		assertThat(quartz.routing()).isEqualTo("round_robin");
		assertThat(quartz.misfire()).isEqualTo("fire_once");
		assertThat(quartz.concurrency()).isEqualTo("allow");
		assertThat(quartz.retryBackoffMs()).isEqualTo(10_000L);
		assertThat(unix.timeZone()).isEqualTo("Europe/Paris");
		assertThat(unix.type()).isEqualTo("command");
	}

	@Test
	void rejectsBadCronAndUnknownZoneNamingBothFields() {
		assertThat(problems(request("61 * * * * ?", null, "shell", text("x")))).extracting(FieldProblem::field)
			.containsExactly("cron");
		assertThat(problems(request("* * * * *", "Mars/Base", "shell", text("x")))).extracting(FieldProblem::field)
			.containsExactly("timeZone");
	}

	@Test
	void rejectsCronThatNeverFiresAgain() {
		assertThat(problems(request("0 0 0 1 1 ? 2020", null, "shell", text("x")))).extracting(FieldProblem::message)
			.singleElement()
			.asString()
			.contains("never fires again");
	}

	@Test
	void rejectsEmptyTargetsPerType() {
		assertThat(problems(request("* * * * *", null, "command", text("  ")))).extracting(FieldProblem::field)
			.containsExactly("target");
		assertThat(problems(request("* * * * *", null, "python", null))).extracting(FieldProblem::message)
			.singleElement()
			.asString()
			.contains("source code");
	}

	@Test
	void rejectsUnknownTypeAndPolicies() {
		JobRequest request = new JobRequest("j", null, null, "* * * * *", null, "perl", text("x"), null, null, null,
				null, null, "fastest", "later", "maybe", null, null, null, null, null);
		assertThat(problems(request)).extracting(FieldProblem::field)
			.containsExactly("type", "routing", "misfire", "concurrency");
	}

	@Test
	void acceptsBareHttpUrlAndNormalisesRequestObject() {
		assertThat(this.validator.validate(request("* * * * *", null, "http", text("https://example.com/ping")))
			.target()).isEqualTo("https://example.com/ping");
		JsonNode object = this.json.readTree("""
				{"method":"post","url":"http://svc:8080/hook","headers":{"X-A":"1"},"body":{"k":1},"expectStatus":204}""");
		String stored = this.validator.validate(request("* * * * *", null, "http", object)).target();
		assertThat(this.json.readTree(stored).get("method").asString()).isEqualTo("POST");
		assertThat(this.json.readTree(stored).get("body").asString()).isEqualTo("{\"k\":1}");
	}

	@Test
	void rejectsHttpTargetWithBadMethodUrlAndStatusNamingEachField() {
		JsonNode object = this.json.readTree("""
				{"method":"FETCH","url":"ftp://host/x","expectStatus":700,"retries":1}""");
		assertThat(problems(request("* * * * *", null, "http", object))).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("target.retries", "target.url", "target.method", "target.expectStatus");
		assertThat(problems(request("* * * * *", null, "http", text("not a url")))).extracting(FieldProblem::field)
			.containsExactly("target");
	}

	@Test
	void rejectsUnknownGroup() {
		given(this.groups.exists(7L)).willReturn(false);
		JobRequest request = new JobRequest("j", 7L, null, "* * * * *", null, "shell", text("x"), null, null, null,
				null, null, null, null, null, Map.of("k", "v"), null, null, null, null);
		assertThat(problems(request)).extracting(FieldProblem::field).containsExactly("groupId");
	}

	private static JsonNode text(String value) {
		return StringNode.valueOf(value);
	}

	private static JobRequest request(String cron, String zone, String type, JsonNode target) {
		return new JobRequest("job", null, null, cron, zone, type, target, null, null, null, null, null, null, null,
				null, null, null, null, null, null);
	}

	private java.util.List<FieldProblem> problems(JobRequest request) {
		return catchThrowableOfType(InvalidRequestException.class, () -> this.validator.validate(request)).errors();
	}

}
