package io.herald.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that decides who may use the admin API: a caller in the {@value #ROLE} role, or, as
 * an interim until JWT security lands, a request carrying the configured static token {@code
 * herald.admin.token} in the {@value #TOKEN_HEADER} header. With no token configured only the role
 * admits.
 *
 * <p>Stateless and thread-safe; application-scoped. Called by {@link AdminResource}.
 */
@ApplicationScoped
public class AdminGuard {
  /** The role that grants the admin API. */
  public static final String ROLE = "herald-admin";

  /** Header carrying the interim static admin token. */
  public static final String TOKEN_HEADER = "X-Herald-Admin-Token";

  @Inject
  @ConfigProperty(name = "herald.admin.token")
  Optional<String> token;

  /**
   * @throws NotAuthorizedException (401) when the caller presents neither the role nor the token
   * @throws ForbiddenException (403) when an authenticated caller lacks the role
   */
  public void check(SecurityContext security, String presentedToken) {
    if (security != null && security.isUserInRole(ROLE)) {
      return;
    }
    String expected = token.map(String::trim).orElse("");
    if (!expected.isEmpty()
        && presentedToken != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            presentedToken.getBytes(StandardCharsets.UTF_8))) {
      return;
    }
    if (security != null && security.getUserPrincipal() != null && presentedToken == null) {
      throw new ForbiddenException("the admin API needs the " + ROLE + " role");
    }
    throw new NotAuthorizedException(
        "the admin API needs the " + ROLE + " role or the admin token", "Bearer realm=\"herald\"");
  }
}
