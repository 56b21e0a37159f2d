package io.herald.transport;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The client address a connection counts against for the per-address connection limit: the TCP peer
 * address. (Behind a reverse proxy every client shares the proxy's address; raise the limit there
 * or enforce it at the proxy.)
 *
 * <p>Stateless and thread-safe.
 */
public final class ClientAddress {
  /** Key Undertow and others put the peer address under in a WebSocket session's properties. */
  private static final String WS_REMOTE = "jakarta.websocket.endpoint.remoteAddress";

  private ClientAddress() {}

  /** The peer address of an HTTP request. */
  public static String of(HttpServletRequest request) {
    return request == null ? "unknown" : request.getRemoteAddr();
  }

  /** The peer address of a WebSocket session, or {@code "unknown"} if the container hides it. */
  public static String of(Session session) {
    Object prop = session.getUserProperties().get(WS_REMOTE);
    if (prop instanceof InetSocketAddress a) {
      return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }
    try {
      // Tyrus (Payara, GlassFish) offers it only on its own session class.
      Method m = session.getClass().getMethod("getRemoteAddr");
      Object addr = m.invoke(session);
      return addr != null ? addr.toString() : "unknown";
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown";
    }
  }
}
