package io.cronhive.admin.config;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.cronhive.admin.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** With no CRONHIVE_DB_URL the service runs on the embedded H2 file database under CRONHIVE_DATA_DIR. */
@ApiIntegrationTest
class EmbeddedDatabaseIntegrationTests {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("CRONHIVE_DATA_DIR", () -> dataDir.toString());
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void defaultDatasourceIsSharedH2FileMigratedByFlyway() {
		assertThat(this.dataSource).isInstanceOfSatisfying(HikariDataSource.class, (hikari) -> assertThat(
				hikari.getJdbcUrl()).isEqualTo("jdbc:h2:file:" + dataDir + "/cronhive;MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE"));
		assertThat(Files.exists(dataDir.resolve("cronhive.mv.db"))).isTrue();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE AND version = '1'")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void jobCanBeCreatedAndScheduledOnTheEmbeddedDatabase() {
		MvcTestResult created = this.mvc.post().uri("/v1/jobs").principal(() -> "alice").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"embedded\",\"cron\":\"*/2 * * * * ?\",\"type\":\"shell\",\"target\":\"echo hi\"}")
			.exchange();
		assertThat(created).hasStatus(201);
		String id = created.getResponse().getHeader("Location").replace("/v1/jobs/", "");
		assertThat(this.mvc.post().uri("/v1/schedulers").contentType(MediaType.APPLICATION_JSON).content("{\"jobIds\":[" + id + "]}"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.jobs[0].scheduled", (s) -> assertThat(s).asBoolean().isTrue());
	}

	@Test
	void clusterViewWorksOnH2ClockFunctions() {
		this.jdbc.sql("""
				INSERT INTO masters (instance_id, ip, port, status, started_at, last_heartbeat, epoch)
				VALUES ('h2-master', '127.0.0.1', 8082, 2, 1, CURRENT_TIMESTAMP(3), 3)""").update();
		this.jdbc.sql("UPDATE leader_lease SET holder = 'h2-master', epoch = 4, "
				+ "expires_at = TIMESTAMPADD(SECOND, 5, CURRENT_TIMESTAMP(3)) WHERE id = 1").update();
		assertThat(this.mvc.get().uri("/v1/masters"))
			.hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.items[0].statusName", (s) -> assertThat(s).asString().isEqualTo("leader"))
			.hasPathSatisfying("$.items[0].epoch", (e) -> assertThat(e).asNumber().isEqualTo(4))
			.hasPathSatisfying("$.items[0].online", (o) -> assertThat(o).asBoolean().isTrue());
	}

}
