package io.herald.transport;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The client address a connection counts against for the per-address limits: the TCP peer, or the
 * client a trusted reverse proxy names ({@code herald.proxy.trusted}, {@link TrustedProxies}).
 * {@link ClientAddressFilter} works it out once per request; WebSocket connections receive it
 * through the handshake ({@link #capture(Map)}), with the container's own session property or
 * Tyrus' session method only as fallbacks.
 *
 * <p>Stateless and thread-safe (the captured value is per thread).
 */
public final class ClientAddress {
  /** What a connection is counted under when no address is known. */
  public static final String UNKNOWN = "unknown";

  /** Request attribute and WebSocket user property holding the resolved address. */
  static final String ATTRIBUTE = "io.herald.client-address";

  /** The address of the request this thread is filtering; see {@link ClientAddressFilter}. */
  static final ThreadLocal<String> CAPTURED = new ThreadLocal<>();

  /** Key some containers put the peer address under in a WebSocket session's properties. */
  private static final String WS_REMOTE = "jakarta.websocket.endpoint.remoteAddress";

  private ClientAddress() {}

  /** The client address of an HTTP request. */
  public static String of(HttpServletRequest request) {
    if (request == null) {
      return UNKNOWN;
    }
    if (request.getAttribute(ATTRIBUTE) instanceof String a) {
      return a;
    }
    String peer = request.getRemoteAddr();
    return peer == null ? UNKNOWN : peer;
  }

  /**
   * Copies the address of the upgrade request this thread is handling into a WebSocket handshake's
   * user properties (which become the new session's). Called from {@code modifyHandshake}.
   */
  public static void capture(Map<String, Object> handshakeProperties) {
    String a = CAPTURED.get();
    if (a != null) {
      handshakeProperties.put(ATTRIBUTE, a);
    }
  }

  /** The client address of a WebSocket session, or {@link #UNKNOWN} if it cannot be found. */
  public static String of(Session session) {
    Map<String, Object> props = session.getUserProperties();
    if (props.get(ATTRIBUTE) instanceof String a) {
      return a;
    }
    if (props.get(WS_REMOTE) instanceof InetSocketAddress a) {
      return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }
    try {
      // Tyrus (Payara, GlassFish) offers it only on its own session class.
      Method m = session.getClass().getMethod("getRemoteAddr");
      Object addr = m.invoke(session);
      return addr != null ? addr.toString() : UNKNOWN;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return UNKNOWN;
    }
  }
}
