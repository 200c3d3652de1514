package io.cronhive.admin.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole admin-service against the database a test class supplies, driven through MockMvc. Access rules are
 * tested with the security packages; these tests are about what the API does, so the filter chain is left out
 * and the caller is given as the request's principal. The context is closed with its class, before the
 * class's database is dropped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "eureka.client.enabled=false",
		"cronhive.auth.admin-password=integration-tests-only-9f3a" })
@AutoConfigureMockMvc(addFilters = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface ApiIntegrationTest {

}
