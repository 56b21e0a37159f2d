package io.herald.transport.ws;

import jakarta.websocket.Session;
import java.lang.reflect.Method;

/**
 * The client address of a WebSocket session, for the connection log. The WebSocket API has no call
 * for it; Tyrus (the implementation in Payara and GlassFish) exposes {@code getRemoteAddr()} on its
 * session, used when present.
 *
 * <p>Stateless and thread-safe.
 */
final class WsAddress {
  private WsAddress() {}

  /** The address, or {@code null} when the implementation does not tell. */
  static String of(Session session) {
    try {
      Method m = session.getClass().getMethod("getRemoteAddr");
      Object a = m.invoke(session);
      return a == null ? null : a.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
