package io.cronhive.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The system of record: owns the schema (Flyway) and serves the management API that the gateway exposes
 * under {@code /v1}. Schedulers and workers never call it; they meet it in the database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AdminApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdminApplication.class, args);
	}

}
