package io.cronhive.admin.auth;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame ({@code GET /v1/openapi}): title, and the bearer scheme every operation needs,
 * so generated clients and the Swagger UI send {@code Authorization: Bearer <token>}, and a relative server, so
 * they call the host that served the document rather than admin-service's internal address.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	@Bean
	OpenAPI cronhiveOpenApi() {
		return new OpenAPI()
			.info(new Info().title("cronhive management API")
				.version("v1")
				.description("Jobs, workers, worker groups, scheduling, run logs, users and tokens. Log in with "
						+ "POST /v1/auth/login and send the token as Authorization: Bearer <token>."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			// Relative, so Swagger UI's "Try it out" goes to whatever host served the document: the gateway.
			.servers(List.of(new Server().url("/").description("this API, as reached (through the gateway)")));
	}

}
