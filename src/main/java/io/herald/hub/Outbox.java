package io.herald.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A subscriber attached to the hub: its topics and its bounded outbound queue. Items are drained in
 * order on the hub's delivery pool, one batch in flight at a time. Overflowing the count or byte
 * bound drops the subscriber (it resumes from its cursor after reconnecting) instead of growing
 * memory or slowing anyone else.
 *
 * <p>Thread-safe. Transports get one from {@link Hub#attach} and may queue their own frames with
 * {@link #send} so that every write to a connection goes through one ordered queue.
 */
public final class Outbox {
  private static final int MAX_BATCH = 256;

  private final Subscriber subscriber;
  private final Executor executor;
  private final int maxCount;
  private final long maxBytes;
  private final Consumer<Outbox> onOverflow;
  private final HubMetrics metrics;
  private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
  private long bytes;
  private int counted;
  private boolean draining;
  private boolean closed;

  /** Guarded by the hub's sequencer lock. */
  final Set<String> topics = new HashSet<>();

  /**
   * Per topic, the position this subscription's replay of it reached; fan-out skips messages at or
   * below it. Guarded by the hub's sequencer lock.
   */
  final Map<String, Long> highWater = new HashMap<>();

  Outbox(
      Subscriber subscriber,
      Executor executor,
      int maxCount,
      long maxBytes,
      Consumer<Outbox> onOverflow,
      HubMetrics metrics) {
    this.subscriber = subscriber;
    this.metrics = metrics;
    this.executor = executor;
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
    this.onOverflow = onOverflow;
  }

  /** The adapter this subscription delivers to. */
  public Subscriber subscriber() {
    return subscriber;
  }

  /**
   * Queues a transport frame behind everything already queued.
   *
   * @return false if the subscription is closed (or this overflowed it)
   */
  public boolean send(Outbound item) {
    return offer(item);
  }

  /** Whether the subscription has been closed by detach or overflow. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Items queued and not yet handed to the transport. */
  public synchronized int queued() {
    return queue.size();
  }

  boolean offer(Outbound item) {
    return offer(item, true);
  }

  /**
   * Queues an item. Replayed history is queued unbounded: it only references messages the history
   * already holds and is itself bounded by the history limits, and bounding it would drop a
   * resuming client before it could make progress.
   */
  boolean offer(Outbound item, boolean bounded) {
    boolean start = false;
    boolean overflow = false;
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (bounded && (counted >= maxCount || bytes + item.weight() > maxBytes)) {
        closed = true;
        queue.clear();
        bytes = 0;
        counted = 0;
        overflow = true;
      } else {
        if (bounded) {
          queue.addLast(item);
          bytes += item.weight();
          counted++;
        } else {
          queue.addLast(new Replayed(item));
        }
        if (!draining) {
          draining = true;
          start = true;
        }
      }
    }
    if (overflow) {
      metrics.overflowed();
      run(
          () -> {
            onOverflow.accept(this);
            subscriber.overflowed();
          });
      return false;
    }
    if (start) {
      run(this::drain);
    }
    return true;
  }

  /** Closes the queue; whatever is still queued is dropped. */
  synchronized void close() {
    closed = true;
    queue.clear();
    bytes = 0;
    counted = 0;
  }

  /** True when nothing is queued or being written. */
  synchronized boolean idle() {
    return queue.isEmpty() && !draining;
  }

  private void drain() {
    List<Outbound> batch;
    int messages = 0;
    long oldestLive = Long.MIN_VALUE;
    synchronized (this) {
      if (closed || queue.isEmpty()) {
        draining = false;
        return;
      }
      batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
      while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
        Outbound o = queue.pollFirst();
        if (o instanceof Replayed r) {
          batch.add(r.item());
          messages += r.item() instanceof Message ? 1 : 0;
        } else {
          bytes -= o.weight();
          counted--;
          batch.add(o);
          if (o instanceof Message m) {
            messages++;
            if (oldestLive == Long.MIN_VALUE) {
              oldestLive = m.time().toEpochMilli();
            }
          }
        }
      }
    }
    if (messages > 0) {
      long age =
          oldestLive == Long.MIN_VALUE ? -1 : Math.max(0, System.currentTimeMillis() - oldestLive);
      metrics.delivered(messages, age);
    }
    try {
      subscriber.deliver(batch, this::delivered);
    } catch (RuntimeException e) {
      // A broken adapter must not wedge the queue; the adapter is expected to detach itself.
      synchronized (this) {
        draining = false;
      }
    }
  }

  /**
   * The transport took the last batch: drains the next one, or ends draining here when nothing is
   * queued (sparing the delivery pool a task per delivered batch).
   */
  private void delivered() {
    synchronized (this) {
      if (closed || queue.isEmpty()) {
        draining = false;
        return;
      }
    }
    run(this::drain);
  }

  /** Marks a queued item that does not count against the bounds. */
  private record Replayed(Outbound item) implements Outbound {
    @Override
    public int weight() {
      return 0;
    }
  }

  private void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The hub is shutting down: nothing more will be delivered.
      close();
    }
  }
}
