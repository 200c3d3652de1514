package io.cronhive.admin.auth;

import java.io.UnsupportedEncodingException;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs in and creates users through the API, as a client would. */
public final class AuthFixture {

	public static final String ADMIN_PASSWORD = "first-admin-password-42";

	public static final String USER_PASSWORD = "user-password-for-tests";

	private final MockMvcTester mvc;

	public AuthFixture(MockMvcTester mvc) {
		this.mvc = mvc;
	}

	public MvcTestResult login(String username, String password) {
		return this.mvc.post()
			.uri("/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
			.exchange();
	}

	public String token(String username, String password) {
		MvcTestResult result = login(username, password);
		assertThat(result).hasStatusOk();
		return read(result, "$.token");
	}

	public String adminToken() {
		return token("admin", ADMIN_PASSWORD);
	}

	/** Creates a user with a unique name and the role ("viewer", "operator", "admin"); returns the name. */
	public String createUser(String role) {
		String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
		MvcTestResult result = this.mvc.post()
			.uri("/v1/users")
			.header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + USER_PASSWORD + "\",\"role\":\"" + role
					+ "\"}")
			.exchange();
		assertThat(result).hasStatus(201);
		return username;
	}

	/** A session token of a new user with the role. */
	public String tokenOfNew(String role) {
		return token(createUser(role), USER_PASSWORD);
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}

	public static <T> T read(MvcTestResult result, String path) {
		try {
			return JsonPath.read(result.getResponse().getContentAsString(), path);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
