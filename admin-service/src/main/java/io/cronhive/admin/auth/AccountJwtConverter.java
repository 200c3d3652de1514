package io.cronhive.admin.auth;

import java.util.List;

import io.cronhive.admin.user.Account;
import io.cronhive.admin.user.UserService;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a token whose signature and expiry already checked out into the caller, with what the database says
 * now: the user must still exist under that id and name and be enabled, a session token must have been minted
 * since the user's last change (password, role, disable), an API token must not be revoked, and the role is the
 * current one rather than the one the token was minted with.
 */
@Component
class AccountJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final UserService users;

	private final ApiTokenService apiTokens;

	AccountJwtConverter(UserService users, ApiTokenService apiTokens) {
		this.users = users;
		this.apiTokens = apiTokens;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Object uid = jwt.getClaim(TokenService.CLAIM_USER_ID);
		if (!(uid instanceof Number userId)) {
			throw invalid();
		}
		Account account = this.users.account(userId.longValue())
			.filter(Account::enabled)
			.filter((a) -> a.username().equals(jwt.getSubject()))
			.orElseThrow(AccountJwtConverter::invalid);
		String kind = jwt.getClaimAsString(TokenService.CLAIM_KIND);
		if (TokenService.KIND_API.equals(kind)) {
			long tokenId = parseId(jwt.getId());
			if (!this.apiTokens.isLive(tokenId, jwt.getTokenValue())) {
				throw invalid();
			}
		}
		else if (!TokenService.KIND_SESSION.equals(kind) || !currentVersion(jwt, account)) {
			throw invalid();
		}
		return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(account.role().authority())),
				account.username());
	}

	private static boolean currentVersion(Jwt jwt, Account account) {
		return jwt.getClaim(TokenService.CLAIM_USER_VERSION) instanceof Number version
				&& version.longValue() == account.version();
	}

	private static long parseId(String jti) {
		try {
			return Long.parseLong(jti);
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw invalid();
		}
	}

	private static InvalidBearerTokenException invalid() {
		return new InvalidBearerTokenException("the token is revoked or its user is disabled or gone");
	}

}
