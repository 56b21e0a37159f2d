package io.herald.security;

import io.herald.error.EventSourceStop;
import io.herald.error.Failure;
import io.herald.error.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The gate in front of every Herald endpoint under {@code /api} (REST, polls, SSE and the WebSocket
 * upgrade): checks the {@code Origin} against {@link OriginPolicy} (403 otherwise, which blocks
 * cross-site WebSocket hijacking), answers CORS preflights and adds CORS headers for allowed
 * origins, and authenticates the caller with {@link Authenticator}. Downstream, the request's
 * {@link HttpServletRequest#getUserPrincipal()} is the {@link Caller} (null when anonymous), which
 * JAX-RS's {@code SecurityContext} and the WebSocket session both expose to the transports.
 *
 * <p>Before anything else it refuses, with 400 {@code bad-upgrade}, a request whose {@code Upgrade}
 * header it does not honour ({@link UpgradeRequest#BAD}): the container would otherwise hand the
 * rest of the connection to the endpoint as the request body, and the first read of it would hold a
 * request thread until the read timeout. This filter is declared by the application, so it runs
 * before the WebSocket container's own filter, which the container adds after declared ones.
 *
 * <p>Bad credentials get 401 {@code application/problem+json} (written by {@link Problem}, as every
 * problem is); on a WebSocket handshake ({@link UpgradeRequest#WEBSOCKET}, and only there) they
 * become a {@link Refusal} principal instead so the endpoint can close with 1008 and a readable
 * reason. No other request ever gets past a bad credential.
 *
 * <p>Container-managed and stateless; runs on request threads.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class SecurityFilter extends HttpFilter {
  /**
   * Request attribute set on every request this filter let through: Herald's resources refuse
   * requests without it ({@code transport.rest.OwnPathGuard}), e.g. when another JAX-RS application
   * in the same WAR serves them under its own path, outside this filter.
   */
  public static final String PASSED = "io.herald.security.passed";

  /**
   * Request attribute holding the principal this filter let through (absent when anonymous); what
   * {@link #caller} reads, and a JAX-RS filter reads as a request property.
   */
  public static final String CALLER = "io.herald.security.caller";

  /**
   * The caller this filter let {@code request} through as ({@code null} when anonymous), which is
   * what Herald's JAX-RS resources read rather than JAX-RS's {@code SecurityContext}: TomEE's
   * security context answers the container's own login first (OpenEJB's {@code
   * ThreadLocalSecurityContext} asks its {@code SecurityService}), so a caller the container logged
   * in (Jakarta Security) was a bare name there, without Herald's session grants and roles (403).
   */
  public static Principal caller(HttpServletRequest request) {
    return (Principal) request.getAttribute(CALLER);
  }

  @Inject Authenticator authenticator;
  @Inject OriginPolicy origins;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    UpgradeRequest kind = UpgradeRequest.of(request);
    if (kind == UpgradeRequest.BAD) {
      // Whatever follows on this connection is not a request Herald can frame: do not keep it.
      response.setHeader("Connection", "close");
      Problem.write(UpgradeRequest.refusal(), response);
      return;
    }
    boolean upgrade = kind == UpgradeRequest.WEBSOCKET;
    String origin = request.getHeader("Origin");
    OriginPolicy.Standing standing = origins.standing(origin, request.getHeader("Host"));
    if (!standing.allowed()) {
      Problem.write(
          Failure.of("origin-not-allowed", 403, "origin " + origin + " is not allowed"), response);
      return;
    }
    boolean trusted = standing.trusted();
    if (standing.crossOrigin() && !upgrade) {
      cors(request, response, origin, trusted);
      if ("OPTIONS".equals(request.getMethod())) {
        response.setStatus(204);
        return;
      }
    }
    Principal principal;
    try {
      Caller caller = authenticator.authenticate(request, trusted);
      principal = caller.authenticated() ? caller : null;
    } catch (AuthenticationException e) {
      if (!upgrade && EventSourceStop.applies(request.getHeader("Accept"), e.failure())) {
        // An EventSource would come back with the same credential: 204 tells it to stop.
        EventSourceStop.write(e.failure(), response);
        return;
      }
      if (!upgrade) {
        // RFC 6750: a token was presented and refused, so the challenge names the error.
        String challenge = "Bearer error=\"invalid_token\", error_description=\"" + e.code() + "\"";
        Problem.write(e.failure().withChallenge(challenge), response);
        return;
      }
      principal = new Refusal(e.code(), e.getMessage());
    }
    request.setAttribute(PASSED, Boolean.TRUE);
    if (principal != null) {
      request.setAttribute(CALLER, principal);
    }
    chain.doFilter(new Authenticated(request, principal), response);
  }

  private static void cors(
      HttpServletRequest request, HttpServletResponse response, String origin, boolean trusted) {
    response.setHeader("Access-Control-Allow-Origin", origin);
    if (trusted) {
      response.setHeader("Access-Control-Allow-Credentials", "true");
    }
    response.addHeader("Vary", "Origin");
    if ("OPTIONS".equals(request.getMethod())) {
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      response.setHeader(
          "Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID");
      response.setHeader("Access-Control-Max-Age", "600");
    }
  }

  /** The request as seen downstream: Herald's caller as its principal and roles. */
  private static final class Authenticated extends HttpServletRequestWrapper {
    private final Principal principal;

    Authenticated(HttpServletRequest request, Principal principal) {
      super(request);
      this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
      return principal instanceof Caller c && c.roles().contains(role);
    }

    @Override
    public String getRemoteUser() {
      return principal instanceof Caller c ? c.subject() : null;
    }
  }
}
