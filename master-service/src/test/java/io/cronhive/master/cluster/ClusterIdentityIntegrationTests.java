package io.cronhive.master.cluster;

import io.cronhive.master.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity admin-service's migration makes with each database, on both databases cronhive runs on. */
class ClusterIdentityIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void eachDatabaseGetsItsOwnIdentityAndAMasterReadsIt(TestDatabase.Kind kind) {
		try (TestDatabase first = TestDatabase.create(kind); TestDatabase second = TestDatabase.create(kind)) {
			ClusterIdentity one = new ClusterIdentity(first.jdbc());
			ClusterIdentity other = new ClusterIdentity(second.jdbc());

			assertThat(one.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(other.id()).isNotEqualTo(one.id());
			assertThat(one.isThisCluster(one.id())).isTrue();
			assertThat(one.isThisCluster(other.id())).isFalse();
			assertThat(one.isThisCluster(null)).isFalse();
		}
	}

}
