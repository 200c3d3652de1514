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
 * and the caller is given as the request's principal. The registry sync and group refresh are left to the tests
 * that call them, so nothing changes rows behind a test's back. The context is closed with its class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "eureka.client.enabled=false", "cronhive.admin.worker-sync-interval=1h",
		"cronhive.admin.group-status-interval=1h",
		"cronhive.auth.admin-password=integration-tests-only-9f3a" })
@AutoConfigureMockMvc(addFilters = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface ApiIntegrationTest {

}
