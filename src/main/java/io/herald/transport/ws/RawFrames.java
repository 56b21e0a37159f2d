package io.herald.transport.ws;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Several WebSocket frames in one socket write. The Jakarta WebSocket API sends one frame per call,
 * and Tyrus (Payara's implementation) makes each call one write and flush of its own, plus an
 * idle-timeout task scheduled on the container's managed scheduler per send (Tyrus 2.1.5 schedules
 * it even with no idle timeout set). Tyrus's own broadcast instead hands pre-encoded frame bytes to
 * {@code TyrusWebSocket.sendRawFrame}: one write, no per-send task, and a {@link CompletableFuture}
 * that completes when the bytes are written. This class finds that method behind a session, once
 * per implementation class, and writes a whole batch of frames, encoded by {@link #text}, with it.
 *
 * <p>Where it is not there (another WebSocket implementation, a negotiated extension such as
 * permessage-deflate) {@link #of} returns {@code null} and the caller sends frame by frame through
 * the standard API, as it does when {@link WebSocketSettings#rawFrames()} is off.
 *
 * <p>Thread-safe; a {@link Sink} is used by one connection, one batch at a time.
 */
final class RawFrames {
  private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());

  private static final Route NONE = new Route(null, null);
  private static final ConcurrentMap<Class<?>, Route> ROUTES = new ConcurrentHashMap<>();

  private RawFrames() {}

  /** Writes a buffer of complete, encoded frames; completes when written or failed. */
  @FunctionalInterface
  interface Sink {
    CompletionStage<?> write(ByteBuffer frames) throws Exception;
  }

  /** The raw writer behind {@code session}, or {@code null} to use the standard API. */
  static Sink of(Session session) {
    if (!session.getNegotiatedExtensions().isEmpty()) {
      return null;
    }
    try {
      Object remote = session.getAsyncRemote();
      Route route = ROUTES.computeIfAbsent(remote.getClass(), RawFrames::route);
      if (route == NONE) {
        return null;
      }
      Object socket = route.socket().get(remote);
      Method send = route.send();
      return socket == null
          ? null
          : frames -> {
            Object result = send.invoke(socket, frames);
            return (CompletionStage<?>) result;
          };
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "raw WebSocket frames unavailable", e);
      return null;
    }
  }

  /** Server-to-client ping frame (FIN, opcode 9, unmasked) carrying {@code payload} (≤ 125 B). */
  static byte[] ping(byte[] payload) {
    byte[] frame = new byte[2 + payload.length];
    frame[0] = (byte) 0x89;
    frame[1] = (byte) payload.length;
    System.arraycopy(payload, 0, frame, 2, payload.length);
    return frame;
  }

  /** Server-to-client text frame (FIN, opcode 1, unmasked) carrying {@code text}. */
  static byte[] text(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    int n = payload.length;
    int head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
    byte[] frame = new byte[head + n];
    frame[0] = (byte) 0x81;
    if (n < 126) {
      frame[1] = (byte) n;
    } else if (n < 65_536) {
      frame[1] = 126;
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = 127;
      long len = n;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) (len >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, head, n);
    return frame;
  }

  /**
   * Finds Tyrus's socket behind an async remote endpoint: a field {@code webSocket} whose class has
   * {@code sendRawFrame(ByteBuffer)} returning a {@link CompletableFuture} subtype.
   */
  private static Route route(Class<?> remoteClass) {
    for (Class<?> c = remoteClass; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("webSocket");
        f.setAccessible(true);
        Method send = f.getType().getMethod("sendRawFrame", ByteBuffer.class);
        // Public, but checked on every call unless marked accessible.
        send.setAccessible(true);
        ClassLoader loader = f.getType().getClassLoader();
        Class<?> future = Class.forName("org.glassfish.tyrus.core.TyrusFuture", false, loader);
        if (!CompletableFuture.class.isAssignableFrom(future)) {
          return NONE;
        }
        LOG.fine(() -> "WebSocket batches go out as raw frames through " + send);
        return new Route(f, send);
      } catch (NoSuchFieldException e) {
        // try the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.INFO, "raw WebSocket frames unavailable; sending frame by frame", e);
        return NONE;
      }
    }
    return NONE;
  }

  private record Route(Field socket, Method send) {}
}
