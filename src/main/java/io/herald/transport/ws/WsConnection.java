package io.herald.transport.ws;

import io.herald.error.CloseCode;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.PresenceEvent;
import io.herald.hub.Resumed;
import io.herald.ops.DisconnectReason;
import io.herald.transport.ClientSession;
import io.herald.transport.Heartbeats;
import io.herald.transport.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Transport adapter for one WebSocket session. Sends each batch as one buffer of frames in one
 * write where the container allows it ({@link RawFrames}), else frame by frame through the async
 * remote, the next frame from the previous one's completion; either way no thread blocks on a slow
 * client. A message's frame bytes are encoded once and shared by every subscriber. On a connection
 * that negotiated {@code herald.v1}, a message whose data is binary goes out as a {@link
 * BinaryFrame}, live or replayed; on others, as the text frame with its {@code {"$base64":…}}. A
 * failed write ends the connection's session; the container's close ({@link HeraldSocket}) ends it
 * otherwise.
 *
 * <p>Thread-safe under the hub's guarantee of one batch in flight per subscriber.
 */
final class WsConnection implements Transport {
  private static final int MAX_REASON_BYTES = 123;

  /**
   * Context class loader for the send call only. Tyrus restarts the session's idle-timeout task on
   * every send, and Payara's managed scheduler then looks up context providers with a ServiceLoader
   * on the thread's context class loader: a scan of every jar the web app sees, measured at about
   * half of the server's CPU per delivered frame (docs/benchmarks.md). Under a loader that sees no
   * jars the lookup finds nothing quickly; the idle-timeout task needs no application context.
   */
  private static final ClassLoader NO_JARS = new ClassLoader(null) {};

  /** A message's whole WebSocket frame, encoded once per message. */
  private static final Message.Codec<byte[]> FRAME =
      new Message.Codec<>(m -> RawFrames.text(WsFrame.message(m)));

  private final Session session;
  private final ClientSession client;
  private final WsHeartbeat heartbeat;
  private final ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
  private volatile long sendingSince;
  private final RawFrames.Sink raw;
  private final boolean binaryFrames;

  /** Why Herald is closing the connection, once it sent a close; the container's report follows. */
  private final AtomicReference<DisconnectReason> closingFor = new AtomicReference<>();

  /**
   * @param binaryFrames whether binary data goes out in binary frames (the connection negotiated
   *     {@code herald.v1})
   */
  WsConnection(
      Session session,
      long heartbeatTimeoutNanos,
      boolean rawFrames,
      boolean binaryFrames,
      ClientSession client) {
    this.session = session;
    this.client = client;
    this.binaryFrames = binaryFrames;
    this.raw = rawFrames ? RawFrames.of(session) : null;
    this.heartbeat = new WsHeartbeat(this, heartbeatTimeoutNanos);
  }

  /** The server side of this connection. */
  @Override
  public String identity() {
    return client.identity();
  }

  ClientSession client() {
    return client;
  }

  /** The raw writer behind this connection, or {@code null} when it sends frame by frame. */
  RawFrames.Sink raw() {
    return raw;
  }

  /** The client sent something (a frame, a pong): it is alive. */
  void seen() {
    heartbeat.seen();
  }

  @Override
  public Optional<Heartbeats.Beat> heartbeat() {
    return Optional.of(heartbeat);
  }

  @Override
  public void deliver(List<Outbound> batch, Runnable done) {
    if (raw != null) {
      write(batch, done);
      return;
    }
    // Each item a String (a text frame) or a byte[] (a binary frame's payload).
    List<Object> frames = new ArrayList<>(batch.size() + 1);
    for (Outbound o : batch) {
      if (o instanceof Message m) {
        byte[] binary = binaryPayload(m);
        frames.add(binary != null ? binary : WsFrame.message(m));
      } else if (o instanceof WsFrame f) {
        frames.add(f.text());
      } else if (o instanceof PresenceEvent e) {
        frames.add(WsFrame.presenceEvent(e).text());
      } else if (o instanceof Resumed r) {
        frames.add(WsFrame.subscribed(r.topics(), r.cursor().toString()).text());
        if (!r.gap().isEmpty()) {
          frames.add(WsFrame.gap(r.gap()).text());
        }
      }
    }
    send(frames, 0, done);
  }

  /** The whole batch as one buffer of frames, one write. */
  private void write(List<Outbound> batch, Runnable done) {
    List<byte[]> frames = new ArrayList<>(batch.size() + 1);
    int size = 0;
    for (Outbound o : batch) {
      if (o instanceof Message m) {
        byte[] binary = binaryFrames ? BinaryFrame.frame(m) : null;
        size += add(frames, binary != null ? binary : m.encoded(FRAME));
      } else if (o instanceof WsFrame f) {
        size += add(frames, RawFrames.text(f.text()));
      } else if (o instanceof PresenceEvent e) {
        size += add(frames, RawFrames.text(WsFrame.presenceEvent(e).text()));
      } else if (o instanceof Resumed r) {
        size +=
            add(
                frames,
                RawFrames.text(WsFrame.subscribed(r.topics(), r.cursor().toString()).text()));
        if (!r.gap().isEmpty()) {
          size += add(frames, RawFrames.text(WsFrame.gap(r.gap()).text()));
        }
      }
    }
    if (frames.isEmpty()) {
      done.run();
      return;
    }
    ByteBuffer buffer;
    if (frames.size() == 1) {
      buffer = ByteBuffer.wrap(frames.get(0));
    } else {
      byte[] all = new byte[size];
      int at = 0;
      for (byte[] f : frames) {
        System.arraycopy(f, 0, all, at, f.length);
        at += f.length;
      }
      buffer = ByteBuffer.wrap(all);
    }
    if (!session.isOpen()) {
      client.end(DisconnectReason.CLIENT_CLOSED);
      return;
    }
    sendingSince = System.nanoTime();
    try {
      raw.write(buffer)
          .whenComplete(
              (ok, failure) -> {
                if (failure == null) {
                  sendingSince = 0;
                  done.run();
                } else {
                  client.end(DisconnectReason.WRITE_FAILED);
                }
              });
    } catch (Exception e) {
      client.end(DisconnectReason.WRITE_FAILED);
    }
  }

  /**
   * Sends a heartbeat ping: as a raw frame where batches go raw (Tyrus would otherwise schedule an
   * idle-timeout task with a class-path scan per ping, on the heartbeat thread), else through the
   * async remote under the jar-less loader. A ping may go out between two batches, never inside
   * one: every write is whole frames under Tyrus's own writer lock.
   */
  void ping(byte[] payload) throws IOException {
    if (raw != null) {
      try {
        raw.write(ByteBuffer.wrap(RawFrames.ping(payload)));
        return;
      } catch (Exception e) {
        throw new IOException("ping failed", e);
      }
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(NO_JARS);
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The binary frame payload to send for {@code m}, or {@code null} to send its text frame. */
  private byte[] binaryPayload(Message m) {
    return binaryFrames ? BinaryFrame.payload(m) : null;
  }

  private static int add(List<byte[]> frames, byte[] frame) {
    frames.add(frame);
    return frame.length;
  }

  private void send(List<Object> frames, int index, Runnable done) {
    if (index == frames.size()) {
      sendingSince = 0;
      done.run();
      return;
    }
    if (index == 0) {
      sendingSince = System.nanoTime();
    }
    if (!session.isOpen()) {
      client.end(DisconnectReason.CLIENT_CLOSED);
      return;
    }
    SendHandler next =
        result ->
            inLoader(
                appLoader,
                () -> {
                  if (result.isOK()) {
                    send(frames, index + 1, done);
                  } else {
                    client.end(DisconnectReason.WRITE_FAILED);
                  }
                });
    Object frame = frames.get(index);
    try {
      inLoader(
          NO_JARS,
          () -> {
            if (frame instanceof byte[] payload) {
              session.getAsyncRemote().sendBinary(ByteBuffer.wrap(payload), next);
            } else {
              session.getAsyncRemote().sendText((String) frame, next);
            }
          });
    } catch (RuntimeException e) {
      client.end(DisconnectReason.WRITE_FAILED);
    }
  }

  private static void inLoader(ClassLoader loader, Runnable action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void overflowed() {
    close(CloseCode.SLOW_CONSUMER, "slow consumer: reconnect and resume from your cursor");
  }

  /** {@link System#nanoTime()} when the batch being sent started, or 0 when none is. */
  long sendingSince() {
    return sendingSince;
  }

  @Override
  public void closing() {
    close(CloseCode.GOING_AWAY, "server stopping: reconnect and resume");
  }

  /**
   * The token expired and was not refreshed in band: 1008, the client reconnects with a new one.
   */
  @Override
  public void expired() {
    close(CloseCode.POLICY_VIOLATION, "token-expired: send a fresh token or reconnect");
  }

  /**
   * Sends the close frame for an end the server decided (an operator, the hub stopping, a failed
   * write); an end the container reported (the client's close, its own close code, an error) needs
   * none.
   */
  @Override
  public void close(DisconnectReason reason) {
    switch (reason) {
      case CLIENT_CLOSED, OVERFLOW, ERROR -> {}
      default -> close(CloseCode.GOING_AWAY, "closed by the server");
    }
  }

  /**
   * Closes the socket; the container then reports it to {@link HeraldSocket}, and the session ends
   * for the reason {@code code} stands for ({@link #closingFor()}), not for the client closing.
   */
  void close(CloseCode code, String reason) {
    closingFor.compareAndSet(null, reasonFor(code));
    close(session, code, reason);
  }

  /** Why Herald closed the connection, or {@code null} if it did not. */
  DisconnectReason closingFor() {
    return closingFor.get();
  }

  /** The disconnect reason a close Herald sends with {@code code} is counted under. */
  static DisconnectReason reasonFor(CloseCode code) {
    return switch (code) {
      case HEARTBEAT_MISSED -> DisconnectReason.TIMEOUT;
      case SLOW_CONSUMER -> DisconnectReason.OVERFLOW;
      default -> DisconnectReason.SERVER_CLOSED;
    };
  }

  /** Closes {@code session} with {@code code}, also before a connection is set up (a refusal). */
  static void close(Session session, CloseCode code, String reason) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), fit(reason)));
    } catch (IOException | RuntimeException e) {
      // The connection is already gone.
    }
  }

  /**
   * The reason cut to the 123 UTF-8 bytes a close frame can carry (RFC 6455 5.5): a longer one
   * makes {@link CloseReason} throw, and the connection would never be closed.
   */
  static String fit(String reason) {
    if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length
        > MAX_REASON_BYTES - 3) {
      end = Character.isLowSurrogate(reason.charAt(end - 1)) ? end - 2 : end - 1;
    }
    return reason.substring(0, end) + "...";
  }
}
