package io.herald.transport.ws;

import io.herald.error.CloseCode;
import io.herald.transport.Heartbeats;

/**
 * One WebSocket connection's heartbeat: a ping frame per beat. Any frame from the client (a pong,
 * browsers answer pings by themselves, or a text frame such as the app-level {@code ping}) proves
 * it alive; silence for the heartbeat timeout, or a send stuck that long, closes the connection
 * with {@link CloseCode#HEARTBEAT_MISSED}.
 *
 * <p>Thread-safe: the container's I/O threads call {@link #seen()}, the timer calls {@link #beat}.
 */
final class WsHeartbeat implements Heartbeats.Beat {
  private static final byte[] PING = {'h', 'b'};

  private final WsConnection connection;
  private final long timeoutNanos;
  private volatile long lastSeen = System.nanoTime();

  WsHeartbeat(WsConnection connection, long timeoutNanos) {
    this.connection = connection;
    this.timeoutNanos = timeoutNanos;
  }

  /** The client sent something. */
  void seen() {
    lastSeen = System.nanoTime();
  }

  @Override
  public void beat(long now) {
    long sending = connection.sendingSince();
    if (now - lastSeen > timeoutNanos || (sending != 0 && now - sending > timeoutNanos)) {
      connection.close(
          CloseCode.HEARTBEAT_MISSED, "heartbeat missed: reconnect and resume from your cursor");
      return;
    }
    try {
      connection.ping(PING);
    } catch (java.io.IOException | RuntimeException e) {
      connection.close(CloseCode.HEARTBEAT_MISSED, "heartbeat failed");
    }
  }
}
