package io.herald.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Test-only Jakarta Security mechanism standing in for an application's own login: a request with
 * {@code X-Test-User: NAME} (and optionally {@code X-Test-Groups: a,b}) is logged in by the
 * container as NAME with those groups; other requests are left alone.
 */
@ApplicationScoped
public class TestLoginMechanism implements HttpAuthenticationMechanism {
  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String user = request.getHeader("X-Test-User");
    if (user == null) {
      return context.doNothing();
    }
    String groups = request.getHeader("X-Test-Groups");
    return context.notifyContainerAboutLogin(
        user, groups == null ? Set.of() : Set.of(groups.split(",")));
  }
}
