package io.cronhive.registry;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheEurekaRegistryAsJson() {
		String apps = RestClient.create()
			.get()
			.uri("http://localhost:" + this.port + "/eureka/apps")
			.header("Accept", "application/json")
			.retrieve()
			.body(String.class);
		assertThat(apps).contains("\"applications\"");
	}

}
