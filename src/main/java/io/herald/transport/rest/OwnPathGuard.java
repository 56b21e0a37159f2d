package io.herald.transport.rest;

import io.herald.security.SecurityFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps Herald's resources behind Herald's security: a request that reaches one of them without
 * having passed {@link SecurityFilter} (origin check, CORS, authentication) is answered 404.
 *
 * <p>Why: an application that embeds Herald and has its own JAX-RS {@code Application} with an
 * empty {@code getClasses()} serves every resource in the WAR under its own path too (JAX-RS
 * scanning), e.g. Herald's short poll at {@code /rest/messages}, where the filter mapped to {@code
 * /api/*} never runs. Scanning registers this provider in that application as well, so it guards
 * exactly there.
 *
 * <p>Stateless provider; JAX-RS calls it on request threads after matching.
 */
@ApplicationScoped
@Provider
public class OwnPathGuard implements ContainerRequestFilter {
  // No @Context fields: one CDI instance serves every JAX-RS application of the WAR, and a proxy
  // injected by one application fails in another's request. The request context carries both what
  // was matched and, in a servlet container, the servlet request's attributes (JAX-RS spec).
  @Override
  public void filter(ContainerRequestContext request) {
    boolean heralds =
        request.getUriInfo().getMatchedResources().stream().anyMatch(r -> isHeralds(r.getClass()));
    if (heralds && !Boolean.TRUE.equals(request.getProperty(SecurityFilter.PASSED))) {
      throw new NotFoundException();
    }
  }

  /**
   * Whether {@code type} is one of Herald's own resources: they all live in the transport and ops
   * packages (an application's or example's resources, even under {@code io.herald}, do not).
   */
  static boolean isHeralds(Class<?> type) {
    String name = type.getName();
    return name.startsWith("io.herald.transport.") || name.startsWith("io.herald.ops.");
  }
}
