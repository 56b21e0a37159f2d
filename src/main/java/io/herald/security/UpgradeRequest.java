package io.herald.security;

import io.herald.error.Failure;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Locale;

/**
 * What an HTTP request's {@code Upgrade} header makes of it: {@link #NONE} (no such header), a
 * {@link #WEBSOCKET} handshake (a GET to {@link #WEBSOCKET_PATH} with {@code Upgrade: websocket},
 * {@code Connection: upgrade} and a {@code Sec-WebSocket-Key}, RFC 6455 §4.1), or {@link #BAD} (any
 * other request carrying {@code Upgrade}), which {@link SecurityFilter} refuses with 400 {@code
 * bad-upgrade} before anything reads the request.
 *
 * <p>Why a bad one must be refused before anything reads it: Payara's HTTP layer (Grizzly) treats
 * every request that carries an {@code Upgrade} header as an upgrade and hands the rest of the
 * connection to the application as its body, whatever {@code Content-Length} says. The first read
 * of that body (JAX-RS asks whether there is an entity, even on a GET) blocks until the read
 * timeout: 30 s holding a request thread, then 500. Measured on 6.2025.10 with a thread dump: the
 * threads wait in {@code InputBuffer.blockingRead} under {@code BodyLimitFilter}.
 *
 * <p>Stateless; called by {@link SecurityFilter} and {@link Authenticator} on request threads.
 */
public enum UpgradeRequest {
  /** No {@code Upgrade} header: an ordinary request. */
  NONE,
  /** A well-formed WebSocket handshake to Herald's endpoint. */
  WEBSOCKET,
  /** An {@code Upgrade} header on anything else, or a malformed WebSocket handshake. */
  BAD;

  /** Path of Herald's WebSocket endpoint inside the application ({@code HeraldSocket}). */
  public static final String WEBSOCKET_PATH = "/api/ws";

  /** The answer to a {@link #BAD} upgrade. */
  static Failure refusal() {
    return Failure.of(
        "bad-upgrade",
        400,
        "an Upgrade header is only accepted on a WebSocket handshake (GET "
            + WEBSOCKET_PATH
            + " with Connection: upgrade and Sec-WebSocket-Key)");
  }

  /** Classifies {@code request}; reads only its method, path and headers. */
  public static UpgradeRequest of(HttpServletRequest request) {
    Enumeration<String> upgrades = request.getHeaders("Upgrade");
    if (upgrades == null || !upgrades.hasMoreElements()) {
      return NONE;
    }
    String upgrade = upgrades.nextElement();
    boolean handshake =
        !upgrades.hasMoreElements()
            && "websocket".equalsIgnoreCase(upgrade.strip())
            && "GET".equals(request.getMethod())
            && WEBSOCKET_PATH.equals(path(request))
            && hasToken(request.getHeaders("Connection"), "upgrade")
            && request.getHeader("Sec-WebSocket-Key") != null;
    return handshake ? WEBSOCKET : BAD;
  }

  /** The path inside the application, whichever servlet (if any) it maps to. */
  private static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  /** Whether a comma-separated header (RFC 9110 §5.6.1) lists {@code token}, ignoring case. */
  private static boolean hasToken(Enumeration<String> values, String token) {
    while (values != null && values.hasMoreElements()) {
      for (String part : values.nextElement().split(",")) {
        if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }
}
