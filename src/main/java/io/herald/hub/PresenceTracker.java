package io.herald.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who holds each topic on this instance (count and identities), who asked for its join and leave
 * events, and the changes not yet announced. The hub's registry reports every join and leave here
 * (under the hub's lock); a timer flushes the changes every {@link #TICK_MS} ms to the {@link
 * PresenceBoard}, which announces them to every instance's tracker, which queues a {@link
 * PresenceEvent} for each watcher through its bounded outbox (never on a publisher's thread).
 *
 * <p><b>Bound</b>: per topic, at most {@code eventRate} changes per second are announced (a tenth
 * of it per tick, at least one); at most one second's worth waits, and when more come the oldest
 * waiting ones are dropped. Each event carries the topic's count when it is sent, so the last one
 * of a storm always has the final count. Long polls ({@link Subscriber#announcesPresence()} false)
 * are neither counted nor announced: they come and go with every answer.
 *
 * <p>Thread-safe (its own monitor, taken inside the hub's lock and before any outbox's monitor).
 * Owned by {@link Hub}; started by {@code HubProducer}.
 */
public final class PresenceTracker implements PresenceBoard.Sink {
  private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());

  /** How often waiting changes are announced, in ms. */
  public static final long TICK_MS = 100;

  private final Map<String, Roster> rosters = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private volatile PresenceBoard board = PresenceBoard.LOCAL;
  private int perTick = 5;

  /** The subscription being subscribed with events asked for, and how; under the hub's lock. */
  private Outbox expecting;

  private Predicate<String> expectingNamed;
  private int maxPending = 50;

  /** One topic's local presence, watchers and waiting changes. */
  private static final class Roster {
    int count;
    final TreeMap<String, Integer> identities = new TreeMap<>();
    final Map<Outbox, Boolean> watchers = new HashMap<>();
    final ArrayDeque<PresenceChange> pending = new ArrayDeque<>();

    boolean unused() {
      return count == 0 && watchers.isEmpty() && pending.isEmpty();
    }
  }

  /**
   * Shares presence through {@code board} and announces changes every tick on {@code timer}.
   *
   * @param eventRate most changes announced per topic per second (at least 1)
   */
  public void start(PresenceBoard board, ScheduledExecutorService timer, int eventRate) {
    if (eventRate < 1) {
      throw new IllegalArgumentException("the presence event rate must be at least 1");
    }
    synchronized (this) {
      this.perTick = Math.max(1, eventRate / (int) (1000 / TICK_MS));
      this.maxPending = Math.max(perTick, eventRate);
    }
    this.board = board;
    board.start(this, this::snapshot, timer);
    timer.scheduleWithFixedDelay(this::flushSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Until called again, the topics {@code sub} takes are watched from the moment it joins them (so
   * it sees its own join). Called by the hub, under its lock, around a subscribe.
   */
  void expect(Outbox sub, Predicate<String> named) {
    this.expecting = sub;
    this.expectingNamed = named;
  }

  /** {@code sub} took {@code topic}. Called by the registry, under the hub lock. */
  synchronized void joined(String topic, Outbox sub) {
    Subscriber s = sub.subscriber();
    if (!s.announcesPresence()) {
      return;
    }
    Roster r = rosters.computeIfAbsent(topic, k -> new Roster());
    if (sub == expecting) {
      r.watchers.put(sub, expectingNamed.test(topic));
    }
    r.count++;
    String id = s.identity();
    if (id != null) {
      r.identities.merge(id, 1, Integer::sum);
    }
    pend(topic, r, new PresenceChange(true, id));
  }

  /** {@code sub} let go of {@code topic}. Called by the registry, under the hub lock. */
  synchronized void left(String topic, Outbox sub) {
    Roster r = rosters.get(topic);
    if (r == null || !sub.subscriber().announcesPresence()) {
      return;
    }
    r.count--;
    r.watchers.remove(sub);
    String id = sub.subscriber().identity();
    if (id != null) {
      r.identities.computeIfPresent(id, (k, n) -> n > 1 ? n - 1 : null);
    }
    pend(topic, r, new PresenceChange(false, id));
    if (r.unused()) {
      rosters.remove(topic);
    }
  }

  /**
   * Queues {@code topic}'s join and leave events for {@code sub} from now on, until it lets go of
   * the topic. Called by the hub, under its lock, for a subscription holding the topic.
   *
   * @param named whether the events may name who joined or left
   */
  synchronized void watch(Outbox sub, String topic, boolean named) {
    rosters.computeIfAbsent(topic, k -> new Roster()).watchers.put(sub, named);
  }

  private void pend(String topic, Roster r, PresenceChange change) {
    if (r.pending.size() >= maxPending) {
      r.pending.pollFirst();
    }
    r.pending.addLast(change);
    dirty.add(topic);
  }

  /** Announces up to one tick's worth of waiting changes per topic. Called by the timer. */
  public void flush() {
    List<Presence> topics = new ArrayList<>();
    List<List<PresenceChange>> changes = new ArrayList<>();
    synchronized (this) {
      for (var it = dirty.iterator(); it.hasNext(); ) {
        String topic = it.next();
        Roster r = rosters.get(topic);
        List<PresenceChange> batch = new ArrayList<>();
        while (r != null && batch.size() < perTick && !r.pending.isEmpty()) {
          batch.add(r.pending.pollFirst());
        }
        if (r == null || r.pending.isEmpty()) {
          it.remove();
        }
        if (!batch.isEmpty()) {
          topics.add(presenceOf(topic, r));
          changes.add(batch);
          if (r.unused()) {
            rosters.remove(topic);
          }
        }
      }
    }
    PresenceBoard b = board;
    for (int i = 0; i < topics.size(); i++) {
      b.publish(topics.get(i), changes.get(i), this);
    }
  }

  private void flushSafely() {
    try {
      flush();
    } catch (RuntimeException e) {
      // The board failed (e.g. Redis unreachable): these events are lost, presence is not.
      LOG.log(Level.FINE, "announcing presence changes failed", e);
    }
  }

  /** Queues an event per change for every local watcher of {@code topic}. Called by the board. */
  @Override
  public synchronized void changed(String topic, int count, List<PresenceChange> changes) {
    Roster r = rosters.get(topic);
    if (r == null || r.watchers.isEmpty()) {
      return;
    }
    for (PresenceChange c : changes) {
      PresenceEvent named = new PresenceEvent(topic, c.joined(), c.identity(), count);
      PresenceEvent unnamed = named.unnamed();
      for (Map.Entry<Outbox, Boolean> w : List.copyOf(r.watchers.entrySet())) {
        w.getKey().send(w.getValue() ? named : unnamed);
      }
    }
  }

  /** Who holds {@code topic} now, across every instance when the board is shared. */
  public Presence presence(String topic) {
    Presence local;
    synchronized (this) {
      local = presenceOf(topic, rosters.get(topic));
    }
    return board.presence(local);
  }

  /** This instance's presence on every topic it holds. */
  synchronized List<Presence> snapshot() {
    List<Presence> all = new ArrayList<>(rosters.size());
    rosters.forEach((t, r) -> all.add(presenceOf(t, r)));
    return all;
  }

  private static Presence presenceOf(String topic, Roster r) {
    return r == null
        ? new Presence(topic, 0, List.of())
        : new Presence(topic, r.count, List.copyOf(r.identities.keySet()));
  }
}
