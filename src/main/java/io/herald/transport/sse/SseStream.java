package io.herald.transport.sse;

import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.PresenceEvent;
import io.herald.hub.Resumed;
import io.herald.ops.DisconnectReason;
import io.herald.transport.ClientSession;
import io.herald.transport.Heartbeats;
import io.herald.transport.Transport;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Transport adapter for one SSE stream. Writes each batch event by event, chaining on the sink's
 * completion stages; a failed write or a closed sink ends the stream's session.
 *
 * <p>Thread-safe under the hub's guarantee of one batch in flight per subscriber.
 */
final class SseStream implements Transport {
  private final SseEventSink sink;
  private final SseEvents events;
  private final long retryMillis;
  private final ClientSession session;
  private final SseHeartbeat heartbeat;
  private volatile long writingSince;
  private volatile long lastWritten = System.nanoTime();
  private volatile boolean requestOver;

  SseStream(
      SseEventSink sink,
      SseEvents events,
      long retryMillis,
      long heartbeatTimeoutNanos,
      ClientSession session) {
    this.sink = sink;
    this.events = events;
    this.retryMillis = retryMillis;
    this.session = session;
    this.heartbeat = new SseHeartbeat(this, heartbeatTimeoutNanos);
  }

  @Override
  public String identity() {
    return session.identity();
  }

  ClientSession session() {
    return session;
  }

  /** {@link System#nanoTime()} when the batch being written started, or 0 when none is. */
  long writingSince() {
    return writingSince;
  }

  @Override
  public void deliver(List<Outbound> batch, Runnable done) {
    List<OutboundSseEvent> out = new ArrayList<>(batch.size() + 1);
    for (Outbound o : batch) {
      if (o instanceof Message m) {
        out.add(events.message(m));
      } else if (o instanceof PresenceEvent e) {
        out.add(events.presence(e));
      } else if (o == SseHeartbeat.COMMENT) {
        out.add(events.heartbeat());
      } else if (o instanceof Resumed r) {
        out.add(events.subscribed(r, retryMillis));
        if (!r.gap().isEmpty()) {
          out.add(events.gap(r.gap()));
        }
      }
    }
    write(out, 0, done);
  }

  private void write(List<OutboundSseEvent> out, int index, Runnable done) {
    if (index == out.size()) {
      lastWritten = System.nanoTime();
      writingSince = 0;
      done.run();
      return;
    }
    if (index == 0) {
      writingSince = System.nanoTime();
    }
    if (sink.isClosed()) {
      session.end(DisconnectReason.CLIENT_CLOSED);
      return;
    }
    try {
      sink.send(out.get(index))
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  session.end(SseEnd.reasonFor(failure));
                } else {
                  write(out, index + 1, done);
                }
              });
    } catch (RuntimeException e) {
      session.end(DisconnectReason.WRITE_FAILED);
    }
  }

  /**
   * Queues a heartbeat comment if nothing has been written for half of {@code intervalNanos} and no
   * write is under way, so a client that left is found out by a failing write ({@link
   * SseLiveness}). Half: the last probe's own write ends a little after the tick that queued it, so
   * a full interval would have skipped every other tick.
   */
  void probe(long now, long intervalNanos) {
    if (writingSince == 0 && now - lastWritten >= intervalNanos / 2) {
      // Counts as written now, so one probe is queued per quiet interval, not one per tick.
      lastWritten = now;
      session.outbox().send(SseHeartbeat.COMMENT);
    }
  }

  @Override
  public void overflowed() {
    session.end(DisconnectReason.OVERFLOW);
  }

  /** Server stopping: a last {@code retry:} hint, then the stream ends; the client reconnects. */
  @Override
  public void closing() {
    try {
      sink.send(events.retry(retryMillis))
          .whenComplete((ok, failure) -> session.end(DisconnectReason.SERVER_CLOSED));
    } catch (RuntimeException e) {
      session.end(DisconnectReason.SERVER_CLOSED);
    }
  }

  /** The token expired: the stream ends; EventSource reconnects, with a fresh token or not. */
  @Override
  public void expired() {
    session.end(DisconnectReason.SERVER_CLOSED);
  }

  @Override
  public Optional<Heartbeats.Beat> heartbeat() {
    return Optional.of(heartbeat);
  }

  /**
   * The container reported the request over (an error on the connection, or completed): it
   * completes the request itself, so the sink is not closed again, which would only queue a flush
   * to a connection that is gone ({@link SseEnd}).
   */
  void requestOver() {
    requestOver = true;
  }

  @Override
  public void close(DisconnectReason reason) {
    if (requestOver) {
      return;
    }
    try {
      sink.close();
    } catch (RuntimeException e) {
      // Already broken; nothing else to release.
    }
  }
}
