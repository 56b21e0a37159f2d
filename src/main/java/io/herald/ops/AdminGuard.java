package io.herald.ops;

import io.herald.error.Failure;
import io.herald.error.HeraldException;
import io.herald.security.Caller;
import io.herald.security.SecurityFilter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;

/**
 * The one place that decides who may use the admin API: a caller in the {@value #ROLE} role, or,
 * for scripts and the admin page, a request carrying the configured static token {@code
 * herald.admin.token} in the {@value #TOKEN_HEADER} header. With no token configured only the role
 * admits.
 *
 * <p>Stateless and thread-safe; application-scoped. Every resource method marked {@link Guarded}
 * (all of {@link AdminResource}) passes it first, through {@link Filter}.
 */
@ApplicationScoped
public class AdminGuard {
  /** The role that grants the admin API. */
  public static final String ROLE = Caller.ADMIN_ROLE;

  /** Header carrying the static admin token. */
  public static final String TOKEN_HEADER = "X-Herald-Admin-Token";

  @Inject OpsSettings settings;

  /**
   * @param caller the caller {@link SecurityFilter} let through ({@code null} when anonymous)
   * @param presentedToken the {@value #TOKEN_HEADER} header, or {@code null}
   * @throws HeraldException 401 {@code http-401} with a {@code Bearer realm="herald"} challenge
   *     when the caller presents neither the role nor the token; 403 {@code http-403} when an
   *     authenticated caller lacks the role
   */
  public void check(Principal caller, String presentedToken) {
    if (caller instanceof Caller c && c.roles().contains(ROLE)) {
      return;
    }
    String expected = settings.adminToken().map(String::trim).orElse("");
    if (!expected.isEmpty()
        && presentedToken != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            presentedToken.getBytes(StandardCharsets.UTF_8))) {
      return;
    }
    if (caller != null && presentedToken == null) {
      throw new HeraldException(
          Failure.of("http-403", 403, "the admin API needs the " + ROLE + " role"));
    }
    throw new HeraldException(
        new Failure(
            "http-401",
            401,
            null,
            0,
            "the admin API needs the " + ROLE + " role or the admin token",
            "Bearer realm=\"herald\""));
  }

  /** Marks the JAX-RS resources or methods that only admins may call. */
  @NameBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  public @interface Guarded {}

  /**
   * Runs {@link AdminGuard#check} before every {@link Guarded} resource method; its exceptions
   * become 401/403 problems through {@link io.herald.error.ProblemMapper}.
   *
   * <p>Stateless provider; JAX-RS calls it on request threads, after matching the resource.
   */
  @ApplicationScoped
  @Provider
  @Guarded
  @Priority(Priorities.AUTHORIZATION)
  public static class Filter implements ContainerRequestFilter {
    @Inject AdminGuard guard;

    @Override
    public void filter(ContainerRequestContext request) {
      // The caller SecurityFilter let through, as every Herald resource reads it: JAX-RS's own
      // SecurityContext answers the container's login first on TomEE, without Herald's roles.
      guard.check(
          (Principal) request.getProperty(SecurityFilter.CALLER),
          request.getHeaderString(TOKEN_HEADER));
    }
  }
}
