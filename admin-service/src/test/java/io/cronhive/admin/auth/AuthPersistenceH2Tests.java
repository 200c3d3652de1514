package io.cronhive.admin.auth;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
		"spring.datasource.url=jdbc:h2:mem:auth-persistence;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
class AuthPersistenceH2Tests extends AuthPersistenceContract {

}
