package io.cronhive.worker.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.cronhive.common.dispatch.RunBatch;
import io.cronhive.common.dispatch.RunRequest;
import io.cronhive.common.job.JobType;
import io.cronhive.worker.config.WorkerProperties;
import io.cronhive.worker.output.OutputLogs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = RunController.class,
		properties = { "cronhive.cluster-secret=web-mvc-test-secret-0123456789-abcdef", "eureka.client.enabled=false" })
class RunControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RunService runs;

	@MockitoBean
	OutputLogs logs;

	final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void startedRunIsAcceptedWith202AndTheWorkersIdentity() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.Accepted());

		this.mvc.perform(dispatch(request(7)))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.runId").value(7))
			.andExpect(jsonPath("$.accepted").value(true))
			.andExpect(jsonPath("$.workerName").value("w1"))
			.andExpect(jsonPath("$.workerHost").value("10.1.2.3"));
	}

	@Test
	void requestOfAnOlderMasterWithoutParentIsAcceptedWithNoParent() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.Accepted());
		String old = "{\"clusterId\":\"cluster-a\",\"runId\":7,\"epoch\":1,\"jobId\":\"j\",\"jobName\":\"n\","
				+ "\"type\":\"shell\",\"target\":\"true\",\"parameters\":{},\"timeoutMs\":0,\"scheduledAtMs\":0,"
				+ "\"attempt\":1}";

		this.mvc.perform(post("/internal/runs").contentType(MediaType.APPLICATION_JSON).content(old))
			.andExpect(status().isAccepted());
		then(this.runs).should().accept(org.mockito.ArgumentMatchers.argThat((r) -> r.parent() == null));
	}

	@Test
	void requestOfANewerMasterWithFieldsThisWorkerDoesNotKnowIsAccepted() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.Accepted());
		String newer = "{\"clusterId\":\"cluster-a\",\"runId\":7,\"epoch\":1,\"jobId\":\"j\",\"jobName\":\"n\","
				+ "\"type\":\"shell\",\"target\":\"true\",\"parameters\":{},\"timeoutMs\":0,\"scheduledAtMs\":0,"
				+ "\"attempt\":1,\"parent\":{\"runId\":3,\"jobId\":\"p\",\"status\":\"success\"},\"later\":{\"x\":1}}";

		this.mvc.perform(post("/internal/runs").contentType(MediaType.APPLICATION_JSON).content(newer))
			.andExpect(status().isAccepted());
		then(this.runs).should()
			.accept(org.mockito.ArgumentMatchers.argThat((r) -> r.parent() != null && r.parent().runId() == 3));
	}

	@Test
	void knownRunIdIsAcknowledgedWith200AndAcceptedFalse() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.AlreadyKnown());

		this.mvc.perform(dispatch(request(7)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(false));
	}

	@Test
	void staleEpochIsAConflictProblemNamingTheEpoch() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.StaleEpoch(3, 4, null));

		this.mvc.perform(dispatch(request(7)))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/stale-epoch"))
			.andExpect(jsonPath("$.field").value("epoch"))
			.andExpect(jsonPath("$.detail").value("epoch 3 is lower than 4, the highest this worker has seen"));
	}

	@Test
	void staleEpochOfAPartitionIsAConflictProblemNamingThePartition() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.StaleEpoch(39, 40, 3));

		this.mvc.perform(dispatch(request(7).inPartition(3)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/stale-epoch"))
			.andExpect(jsonPath("$.field").value("epoch"))
			.andExpect(jsonPath("$.detail")
				.value("epoch 39 is lower than 40, the highest this worker has seen for partition 3"));
	}

	@Test
	void partitionOutOfRangeIsABadRequestProblemNamingTheFieldAndNothingStarts() throws Exception {
		for (int partition : new int[] { -1, 128 }) {
			this.mvc.perform(dispatch(request(7).inPartition(partition)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/invalid-run-request"))
				.andExpect(jsonPath("$.field").value("partition"))
				.andExpect(jsonPath("$.detail")
					.value("partition " + partition + " is not one of the 128 partitions (0 to 127)"));
		}
		then(this.runs).should(never()).accept(any());
	}

	@Test
	void partitionOutOfRangeInABatchIsThatRunsInvalidVerdict() throws Exception {
		given(this.runs.acceptAll(any())).willReturn(List.of(new AcceptResult.Accepted()));
		RunBatch batch = new RunBatch(List.of(request(7).inPartition(127), request(8).inPartition(128)));

		this.mvc.perform(post("/internal/run-batches").contentType(MediaType.APPLICATION_JSON)
			.content(this.mapper.writeValueAsBytes(batch)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.verdicts[0].verdict").value("ACCEPTED"))
			.andExpect(jsonPath("$.verdicts[1].verdict").value("INVALID"))
			.andExpect(jsonPath("$.verdicts[1].detail")
				.value("partition 128 is not one of the 128 partitions (0 to 127)"));
		then(this.runs).should().acceptAll(org.mockito.ArgumentMatchers.argThat((runs) -> runs.size() == 1));
	}

	@Test
	void fullWorkerAnswers429SoTheMasterFailsOver() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.AtCapacity("all 8 HTTP run slots of this worker are busy"));

		this.mvc.perform(dispatch(request(7)))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/at-capacity"))
			.andExpect(jsonPath("$.detail").value("all 8 HTTP run slots of this worker are busy"));
	}

	@Test
	void drainingWorkerAnswers503() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.ShuttingDown());

		this.mvc.perform(dispatch(request(7)))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/shutting-down"));
	}

	@Test
	void requestWithoutTargetIsABadRequestNamingTheFieldAndNothingStarts() throws Exception {
		RunRequest noTarget = new RunRequest("cluster-a", 7, 1, "j", "n", JobType.SHELL, null, null, 0, 0, 1);

		this.mvc.perform(dispatch(noTarget))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("target"));
		then(this.runs).should(never()).accept(any());
	}

	@Test
	void unknownJobTypeIsABadRequestProblem() throws Exception {
		this.mvc.perform(post("/internal/runs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"runId\":7,\"epoch\":1,\"type\":\"cobol\",\"target\":\"x\",\"timeoutMs\":0,\"scheduledAtMs\":0,\"attempt\":1}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.runs).should(never()).accept(any());
	}

	@Test
	void killOfARunningRunIsAccepted() throws Exception {
		given(this.runs.kill("cluster-a", 7, "replace policy")).willReturn(true);

		this.mvc.perform(post("/internal/runs/7/kill").contentType(MediaType.APPLICATION_JSON)
			.content("{\"clusterId\":\"cluster-a\",\"runId\":7,\"reason\":\"replace policy\"}"))
			.andExpect(status().isAccepted());
	}

	@Test
	void killWithoutAClusterIsABadRequestNamingTheField() throws Exception {
		this.mvc.perform(post("/internal/runs/7/kill").contentType(MediaType.APPLICATION_JSON)
			.content("{\"runId\":7,\"reason\":\"replace policy\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("clusterId"));
		then(this.runs).should(never()).kill(any(), anyLong(), any());
	}

	@Test
	void requestWithAClusterIdThatIsNotOneWordIsABadRequestNamingTheField() throws Exception {
		RunRequest spaced = new RunRequest("cluster a\nE 99", 7, 1, "j", "n", JobType.SHELL, "true", null, 0, 0, 1);

		this.mvc.perform(dispatch(spaced))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("clusterId"));
		then(this.runs).should(never()).accept(any());
	}

	@Test
	void runOfAnotherClusterWhileThisOnesRunsAreInFlightIsMisdirected() throws Exception {
		given(this.runs.accept(any())).willReturn(new AcceptResult.OtherCluster("cluster-b", 3));

		this.mvc.perform(dispatch(request(7)))
			.andExpect(status().isMisdirectedRequest())
			.andExpect(jsonPath("$.type").value("https://cronhive.io/problems/other-cluster"))
			.andExpect(jsonPath("$.field").value("clusterId"));
	}

	@Test
	void outputChunkSaysWhetherTheRunHasFinished() throws Exception {
		given(this.logs.read(7, 5)).willReturn(Optional.of(new OutputLogs.Slice(5, 11, "hello\n")));
		given(this.runs.isActive(7)).willReturn(true);

		this.mvc.perform(get("/internal/runs/7/output").param("offset", "5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.offset").value(5))
			.andExpect(jsonPath("$.nextOffset").value(11))
			.andExpect(jsonPath("$.data").value("hello\n"))
			.andExpect(jsonPath("$.finished").value(false));
	}

	private org.springframework.test.web.servlet.RequestBuilder dispatch(RunRequest request) {
		return post("/internal/runs").contentType(MediaType.APPLICATION_JSON).content(this.mapper.writeValueAsBytes(request));
	}

	private static RunRequest request(long runId) {
		return new RunRequest("cluster-a", runId, 1, "job", "name", JobType.SHELL, "echo hi", null, 0, 0, 1);
	}

	@TestConfiguration
	static class Identity {

		@Bean
		WorkerProperties workerProperties() {
			return new WorkerProperties("w1", "10.1.2.3", "", Path.of("build-unused"), null, null, null, 4, 64, 16, Duration.ofSeconds(5),
					DataSize.ofKilobytes(64), DataSize.ofMegabytes(1), Duration.ofDays(1), Duration.ofDays(1),
					Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), "", false, Duration.ofSeconds(1));
		}

	}

}
