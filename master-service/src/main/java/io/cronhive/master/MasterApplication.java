package io.cronhive.master;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A scheduler replica. Every replica heartbeats, accepts run reports and competes for the leader lease; only
 * the lease holder turns cron expressions into runs and dispatches them to workers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MasterApplication {

	public static void main(String[] args) {
		SpringApplication.run(MasterApplication.class, args);
	}

}
