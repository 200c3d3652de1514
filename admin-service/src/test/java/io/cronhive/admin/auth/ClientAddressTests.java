package io.cronhive.admin.auth;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	final ClientAddress addresses = new ClientAddress(new AuthProperties(null, Duration.ofHours(8),
			Duration.ofDays(365), "cronhive", List.of("10.1.0.0/16", "local")));

	@Test
	void trustedProxysForwardedForNamesTheClient() {
		assertThat(this.addresses.of(request("10.1.2.3", "198.51.100.7"))).isEqualTo("198.51.100.7");
		assertThat(this.addresses.of(request("127.0.0.1", "203.0.113.9, 198.51.100.7"))).isEqualTo("198.51.100.7");
	}

	@Test
	void directCallerCannotClaimAnotherAddressWithForwardedFor() {
		assertThat(this.addresses.of(request("203.0.113.50", "198.51.100.7"))).isEqualTo("203.0.113.50");
	}

	@Test
	void forwardedForThatIsNotAnAddressIsIgnored() {
		assertThat(this.addresses.of(request("10.1.2.3", "admin\r\nforged"))).isEqualTo("10.1.2.3");
		assertThat(this.addresses.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/auth/login");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
