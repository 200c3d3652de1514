package io.cronhive.admin.cluster;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
		"spring.datasource.url=jdbc:h2:mem:masters;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
class MasterSharesH2Tests extends MasterSharesContract {

}
