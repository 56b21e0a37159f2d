package io.herald.transport.sse;

import io.herald.hub.Hub;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.Resumed;
import io.herald.hub.Subscriber;
import io.herald.hub.Subscription;
import io.herald.ops.Connection;
import io.herald.ops.DisconnectReason;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscriber adapter for one SSE stream. Writes each batch event by event, chaining on the sink's
 * completion stages; a failed write or a closed sink detaches the stream from the hub.
 *
 * <p>Thread-safe under the hub's guarantee of one batch in flight per subscriber.
 */
final class SseStream implements Subscriber {
  private final SseEventSink sink;
  private final SseEvents events;
  private final Hub hub;
  private final long retryMillis;
  private volatile Subscription subscription;
  private volatile long writingSince;
  private volatile Runnable onClose = () -> {};
  private volatile Connection connection;

  SseStream(SseEventSink sink, SseEvents events, Hub hub, long retryMillis) {
    this.sink = sink;
    this.events = events;
    this.hub = hub;
    this.retryMillis = retryMillis;
  }

  void bind(Subscription subscription) {
    this.subscription = subscription;
  }

  Subscription subscription() {
    return subscription;
  }

  /** Runs once the stream is closed, whatever closed it: releases limits, stops the heartbeat. */
  void onClose(Runnable onClose) {
    this.onClose = onClose;
  }

  /** {@link System#nanoTime()} when the batch being written started, or 0 when none is. */
  long writingSince() {
    return writingSince;
  }

  /** Reports this stream's end to the connection registry. */
  void track(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void deliver(List<Outbound> batch, Runnable done) {
    List<OutboundSseEvent> out = new ArrayList<>(batch.size() + 1);
    for (Outbound o : batch) {
      if (o instanceof Message m) {
        out.add(events.message(m));
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
      writingSince = 0;
      done.run();
      return;
    }
    if (index == 0) {
      writingSince = System.nanoTime();
    }
    if (sink.isClosed()) {
      close(DisconnectReason.CLIENT_CLOSED);
      return;
    }
    try {
      sink.send(out.get(index))
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  close(DisconnectReason.WRITE_FAILED);
                } else {
                  write(out, index + 1, done);
                }
              });
    } catch (RuntimeException e) {
      close(DisconnectReason.WRITE_FAILED);
    }
  }

  @Override
  public void overflowed() {
    close(DisconnectReason.OVERFLOW);
  }

  /** Server stopping: a last {@code retry:} hint, then the stream ends; the client reconnects. */
  @Override
  public void closing() {
    try {
      sink.send(events.retry(retryMillis))
          .whenComplete((ok, failure) -> close(DisconnectReason.SERVER_CLOSED));
    } catch (RuntimeException e) {
      close(DisconnectReason.SERVER_CLOSED);
    }
  }

  /** Ends the stream and detaches it; safe to call more than once. */
  void close(DisconnectReason reason) {
    onClose.run();
    hub.detach(subscription);
    Connection c = connection;
    if (c != null) {
      c.closed(reason, null);
    }
    try {
      sink.close();
    } catch (RuntimeException e) {
      // Already broken; nothing else to release.
    }
  }
}
