package io.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds out who sent an HTTP request (including a WebSocket upgrade), in this order: an {@code
 * Authorization: Bearer} JWT, on a WebSocket upgrade an {@code access_token} query parameter (RFC
 * 6750 §2.3; browsers cannot set headers there), a {@code ticket} query parameter, the container's
 * own login (Jakarta Security, session cookie), else anonymous. Credentials that are present but
 * bad are refused, never silently downgraded to anonymous.
 *
 * <p>A ticket opens one connection and is good for nothing else: it is accepted only on a WebSocket
 * upgrade of {@code /api/ws} and on {@code GET /api/sse}; anywhere else (a poll, a publish, another
 * ticket) it is refused with 401 {@code ticket-not-accepted}, unredeemed. A container-session
 * caller's credentials last {@link SecuritySettings#sessionTtl()} from this request, so a
 * connection it opens ends then, as a token's does at {@code exp}.
 *
 * <p>Stateless and thread-safe; called by {@link SecurityFilter} on request threads.
 */
@ApplicationScoped
public class Authenticator {
  /** The operations role ({@code io.herald.ops.AdminGuard}), passed on for container logins. */
  static final String ADMIN_ROLE = Caller.ADMIN_ROLE;

  @Inject TokenVerifier tokens;
  @Inject Tickets tickets;
  @Inject SecuritySettings settings;

  Clock clock = Clock.systemUTC();

  /**
   * @param trustSession false for a cross-origin request let in only by the {@code *} origin
   *     wildcard: its cookies are ignored, so another site cannot act with the user's session
   * @throws AuthenticationException if a token or ticket was presented and is not valid
   */
  public Caller authenticate(HttpServletRequest request, boolean trustSession) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens.verify(authorization.substring(7).strip());
    }
    if (UpgradeRequest.of(request) == UpgradeRequest.WEBSOCKET) {
      String token = queryParameter(request.getQueryString(), "access_token");
      if (token != null) {
        return tokens.verify(token);
      }
    }
    String ticket = queryParameter(request.getQueryString(), "ticket");
    if (ticket != null) {
      if (!opensConnection(request)) {
        throw new AuthenticationException(
            "ticket-not-accepted",
            "a ticket opens one SSE stream or WebSocket connection and nothing else");
      }
      return tickets.redeem(ticket);
    }
    if (trustSession && request.getUserPrincipal() != null) {
      return containerCaller(request);
    }
    return Caller.ANONYMOUS;
  }

  /** Whether the request opens a connection: a WebSocket upgrade of /api/ws or GET /api/sse. */
  private static boolean opensConnection(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    String path = uri == null ? "" : uri.substring(Math.min(uri.length(), context.length()));
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      return "/api/ws".equals(path);
    }
    return "GET".equals(request.getMethod()) && "/api/sse".equals(path);
  }

  /** A caller the container authenticated: its roles and the configured grants for such users. */
  private Caller containerCaller(HttpServletRequest request) {
    Set<String> roles = new HashSet<>();
    for (String role : List.of(Caller.PUBLISHER_ROLE, Caller.SUBSCRIBER_ROLE, ADMIN_ROLE)) {
      if (request.isUserInRole(role)) {
        roles.add(role);
      }
    }
    return new Caller(
        request.getUserPrincipal().getName(),
        settings.sessionSubscribe(),
        settings.sessionPublish(),
        roles,
        clock.instant().plus(settings.sessionTtl()));
  }

  /**
   * Reads a query parameter from the raw query string. {@code getParameter} is avoided because it
   * would consume a form-encoded request body.
   */
  static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
