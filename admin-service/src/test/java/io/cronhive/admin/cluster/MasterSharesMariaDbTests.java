package io.cronhive.admin.cluster;

import io.cronhive.admin.support.MariaDbDatabase;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DirtiesContext
class MasterSharesMariaDbTests extends MasterSharesContract {

	static final MariaDbDatabase database = MariaDbDatabase.create("shares");

	@DynamicPropertySource
	static void datasource(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@AfterAll
	static void drop() {
		database.drop();
	}

}
