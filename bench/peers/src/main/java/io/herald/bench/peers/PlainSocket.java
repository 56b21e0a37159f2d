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

  @OnOpen
  public void open(Session session) {
    SESSIONS.add(session);
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
