package io.cronhive.admin;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package directly under {@code io.cronhive.admin} is a module: no cycles between them, and no module reaches
 * into another's sub-packages. A new dependency that closes a cycle fails here, not in a reviewer's head.
 */
class ModularityTests {

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersTopLevelTypes() {
		ApplicationModules.of(AdminApplication.class).verify();
	}

}
