package io.herald.bench.peers;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /peers/ws}: every open session receives every published text, sent with the async remote
 * in a plain loop — the textbook broadcast.
 *
 * <p>Thread-safe: the session set is concurrent; the container calls the callbacks.
 */
@ServerEndpoint("/ws")
public class PlainSocket {
  private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

  /**
   * Registers the session, then says so: the load generator counts a client from this frame (as it
   * does Herald's {@code subscribed} and the plain SSE stream's), so a broadcast racing the
   * registration cannot show up as a lost message.
   */
  @OnOpen
  public void open(Session session) {
    SESSIONS.add(session);
    session.getAsyncRemote().sendText("{\"type\":\"subscribed\"}");
  }

  @OnClose
  public void close(Session session) {
    SESSIONS.remove(session);
  }

  @OnError
  public void error(Session session, Throwable failure) {
    SESSIONS.remove(session);
  }

  static void broadcast(String text) {
    for (Session s : SESSIONS) {
      if (s.isOpen()) {
        s.getAsyncRemote().sendText(text);
      }
    }
  }
}
