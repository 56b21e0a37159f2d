package io.herald.transport.sse;

import io.herald.hub.Outbound;
import io.herald.ops.DisconnectReason;
import io.herald.transport.Heartbeats;

/**
 * One SSE stream's heartbeat: a comment line ({@code : heartbeat}) queued behind the stream's
 * events, so it never interleaves with a write. Writing it is how a dropped client is noticed (the
 * write fails); a write stuck for the heartbeat timeout (a client that stopped reading) ends the
 * stream.
 *
 * <p>Thread-safe; the heartbeat timer calls it.
 */
final class SseHeartbeat implements Heartbeats.Beat {
  /** The queued comment; transports treat it as a tiny frame. */
  static final Outbound COMMENT = () -> 16;

  private final SseStream stream;
  private final long timeoutNanos;

  SseHeartbeat(SseStream stream, long timeoutNanos) {
    this.stream = stream;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void beat(long now) {
    long writing = stream.writingSince();
    if (writing != 0 && now - writing > timeoutNanos) {
      stream.session().end(DisconnectReason.TIMEOUT);
      return;
    }
    if (!stream.session().outbox().send(COMMENT)) {
      stream.session().end(DisconnectReason.WRITE_FAILED);
    }
  }
}
