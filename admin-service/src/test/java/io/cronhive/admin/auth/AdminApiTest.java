package io.cronhive.admin.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole admin-service over an in-memory H2 (Flyway-migrated) with MockMvc, security included, and a known
 * first-admin password. One property set for every test that uses it, so they share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:cronhive-auth;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=", "eureka.client.enabled=false",
		"cronhive.auth.admin-password=" + AuthFixture.ADMIN_PASSWORD })
@AutoConfigureMockMvc
public @interface AdminApiTest {

}
