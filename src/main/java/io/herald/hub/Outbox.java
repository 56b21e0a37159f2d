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
 * <p>A replay ({@link Hub#subscribe} with {@code since}) is not queued whole: the queue pulls it
 * from the history one page at a time, asking the hub for the next page only once it has drained
 * the last one. Live messages for a topic still being replayed are held behind the replay (and
 * count against the bounds like everything else), then queued after its last page.
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
  private final Consumer<Outbox> pager;
  private final HubMetrics metrics;
  private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
  // Held and replays are empty on almost every connection; the default 16 slots (88 bytes each)
  // times 10,000 idle connections is memory for nothing. They grow when used.
  private final ArrayDeque<Outbound> held = new ArrayDeque<>(1);
  private boolean paging;
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

  /** Replays still to page in, oldest first. Guarded by the hub's sequencer lock. */
  final ArrayDeque<Replay> replays = new ArrayDeque<>(1);

  /**
   * @param pager asked (on the delivery pool, without this queue's monitor) for the next replay
   *     page once the queue has drained; it queues one with {@link #page} or ends paging with
   *     {@link #release}
   */
  Outbox(
      Subscriber subscriber,
      Executor executor,
      int maxCount,
      long maxBytes,
      Consumer<Outbox> onOverflow,
      Consumer<Outbox> pager,
      HubMetrics metrics) {
    this.subscriber = subscriber;
    this.pager = pager;
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

  /** Queues an item behind everything queued, or overflows the subscription. */
  boolean offer(Outbound item) {
    return enqueue(item, false);
  }

  /**
   * Holds a live message behind a replay in progress; it counts against the bounds like a queued
   * one and is queued by {@link #release}.
   */
  boolean hold(Outbound item) {
    return enqueue(item, true);
  }

  /**
   * Queues one replay page and marks more to come when {@code more}. The page is bounded by the
   * hub's page size and not counted against the queue's bounds (so the most one subscriber holds is
   * its bounds plus one page): the next page is only asked for once the queue has drained.
   */
  void page(List<? extends Outbound> items, boolean more) {
    boolean start = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      for (Outbound o : items) {
        queue.addLast(new Replayed(o));
      }
      paging = more;
      if (!draining && (!queue.isEmpty() || paging)) {
        draining = true;
        start = true;
      }
    }
    if (start) {
      run(this::drain);
    }
  }

  /** Ends paging: queues the live messages held behind the replay. */
  void release() {
    boolean start = false;
    synchronized (this) {
      paging = false;
      if (closed) {
        return;
      }
      queue.addAll(held);
      held.clear();
      if (!draining && !queue.isEmpty()) {
        draining = true;
        start = true;
      }
    }
    if (start) {
      run(this::drain);
    }
  }

  /** Drops the subscription as a slow consumer; it resumes from its cursor after reconnecting. */
  void overflow() {
    synchronized (this) {
      if (closed) {
        return;
      }
      clear();
    }
    overflowed();
  }

  private boolean enqueue(Outbound item, boolean hold) {
    boolean start = false;
    boolean overflow = false;
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (counted >= maxCount || bytes + item.weight() > maxBytes) {
        clear();
        overflow = true;
      } else {
        (hold ? held : queue).addLast(item);
        bytes += item.weight();
        counted++;
        if (!hold && !draining) {
          draining = true;
          start = true;
        }
      }
    }
    if (overflow) {
      overflowed();
      return false;
    }
    if (start) {
      run(this::drain);
    }
    return true;
  }

  private void overflowed() {
    metrics.overflowed();
    run(
        () -> {
          onOverflow.accept(this);
          subscriber.overflowed();
        });
  }

  /** Closes and empties the queue. Under this monitor. */
  private void clear() {
    closed = true;
    paging = false;
    queue.clear();
    held.clear();
    bytes = 0;
    counted = 0;
  }

  /** Closes the queue; whatever is still queued is dropped. */
  synchronized void close() {
    clear();
  }

  /** True when nothing is queued or being written. */
  synchronized boolean idle() {
    return queue.isEmpty() && held.isEmpty() && !draining && !paging;
  }

  /** Items held behind a replay in progress. */
  synchronized int held() {
    return held.size();
  }

  private void drain() {
    List<Outbound> batch;
    int messages = 0;
    long oldestLive = Long.MIN_VALUE;
    while (true) {
      synchronized (this) {
        if (closed || queue.isEmpty() && !paging) {
          draining = false;
          return;
        }
        if (!queue.isEmpty()) {
          break;
        }
      }
      // Drained, with a replay still to page in: outside this monitor, as the hub locks its
      // sequencer before any queue's monitor. The pager queues a page or ends paging.
      pager.accept(this);
    }
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
          continue;
        }
        bytes -= o.weight();
        counted--;
        if (o instanceof Message m) {
          batch.add(o);
          messages++;
          if (oldestLive == Long.MIN_VALUE) {
            oldestLive = m.time().toEpochMilli();
          }
        } else {
          batch.add(o);
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
      if (closed || queue.isEmpty() && !paging) {
        draining = false;
        return;
      }
    }
    run(this::drain);
  }

  /**
   * A queued replay-page item: outside the queue's bounds (a page has its own) and left out of the
   * delivery-age figure.
   */
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
