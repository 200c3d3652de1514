package io.cronhive.admin.alert;

import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents the webhook call in the OpenAPI document (an OpenAPI 3.1 {@code webhooks} entry named
 * {@code alert}): the {@link AlertMessage} body and the signature headers, so a receiver can be written from
 * the document alone.
 */
@Configuration(proxyBeanMethods = false)
class AlertOpenApi {

	@Bean
	OpenApiCustomizer alertWebhookDocumentation() {
		return (openApi) -> {
			ResolvedSchema resolved = ModelConverters.getInstance(true)
				.resolveAsResolvedSchema(new AnnotatedType(AlertMessage.class));
			if (openApi.getComponents() != null && resolved != null) {
				Map<String, Schema> referenced = resolved.referencedSchemas;
				referenced.forEach(openApi.getComponents()::addSchemas);
			}
			Operation post = new Operation().summary("An alert, POSTed by cronhive to a webhook channel")
				.description("Sent when an incident opens (event firing) and when it resolves (event resolved), "
						+ "and by \"send a test alert\" (event test). Verify it: HMAC-SHA256 keyed with the channel's "
						+ "secret over '<X-Cronhive-Timestamp>.<body>' must equal the hex after 'v1=' in "
						+ "X-Cronhive-Signature; refuse timestamps more than a few minutes old. Answer 2xx; anything "
						+ "else (redirects included, which are not followed) is retried with exponential backoff. "
						+ "A retry repeats X-Cronhive-Delivery, so a receiver can drop duplicates.")
				.addParametersItem(header(WebhookSignature.TIMESTAMP_HEADER, "Unix seconds when the call was signed"))
				.addParametersItem(header(WebhookSignature.SIGNATURE_HEADER,
						"v1=<hex HMAC-SHA256 of timestamp + '.' + body>"))
				.addParametersItem(header(WebhookSignature.DELIVERY_HEADER, "the delivery id, the same on every retry"))
				.addParametersItem(header(WebhookSignature.EVENT_HEADER, "firing, resolved or test"))
				.requestBody(new RequestBody().required(true)
					.content(new Content().addMediaType("application/json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/AlertMessage")))))
				.responses(new ApiResponses().addApiResponse("2XX", new ApiResponse().description("received")));
			openApi.addWebhooks("alert", new PathItem().post(post));
		};
	}

	private static Parameter header(String name, String description) {
		return new Parameter().in("header").name(name).required(true).description(description).schema(new StringSchema());
	}

}
