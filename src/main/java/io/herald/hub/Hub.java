package io.herald.hub;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sequencer. Publishing stores messages in the {@link History}, which gives each its id, then
 * hands them to the bus (in the container a CDI event whose observer calls {@link #fanOut});
 * fan-out only queues them for each subscriber, whose own queue is drained on the delivery pool.
 * One lock orders storing, fan-out and (re)subscribing, so every subscriber sees messages in id
 * order, and a resume's replay joins the live stream with nothing lost or repeated. Who holds which
 * topic is kept by a {@link SubscriberRegistry}; long polls waiting for their next message and
 * history reads for polls by {@link Polls}; both only under the same lock.
 *
 * <p>Thread-safe. Created once per application by {@code HubProducer}; called by the EE API and the
 * transports.
 */
public final class Hub {
  private static final Logger LOG = Logger.getLogger(Hub.class.getName());

  private final ReentrantLock sequencer = new ReentrantLock();
  private final History history;
  private final HubSettings settings;
  private final Executor executor;
  private final Clock clock;
  private final Consumer<List<Message>> bus;
  private final SubscriberRegistry registry = new SubscriberRegistry();
  private final Polls polls;
  private volatile boolean running = true;
  private volatile HubProbe probe = HubProbe.NONE;

  /**
   * @param history where messages are stored
   * @param settings queue bounds
   * @param executor delivery pool; never the publisher's thread
   * @param clock time source for message stamps and age limits
   * @param bus receives each stored batch in order, on the publisher's thread, while the sequencer
   *     lock is held; it must end up calling {@link #fanOut}. {@code null} means fan out directly.
   */
  public Hub(
      History history,
      HubSettings settings,
      Executor executor,
      Clock clock,
      Consumer<List<Message>> bus) {
    this.history = history;
    this.settings = settings;
    this.executor = executor;
    this.clock = clock;
    this.bus = bus != null ? bus : batch -> batch.forEach(this::fanOut);
    this.polls = new Polls(this, sequencer, registry, history, clock);
  }

  /** Publishes one message; returns it as stored, with its id. */
  public Message publish(Draft draft) {
    return publish(List.of(draft)).get(0);
  }

  /**
   * Publishes drafts atomically: stored consecutively, in order, then fanned out.
   *
   * @throws HubUnavailableException if the hub is stopped
   */
  public List<Message> publish(List<Draft> drafts) {
    if (drafts.isEmpty()) {
      return List.of();
    }
    if (history.feedsBack()) {
      // The shared store orders appends and its feed fans them out: concurrent publishers need
      // not wait for each other's round trips to it.
      requireRunning();
      List<Message> stored = history.append(drafts, clock.instant());
      probe.published(stored.size());
      return stored;
    }
    sequencer.lock();
    try {
      requireRunning();
      List<Message> stored = history.append(drafts, clock.instant());
      probe.published(stored.size());
      bus.accept(stored);
      return stored;
    } finally {
      sequencer.unlock();
    }
  }

  /**
   * Queues a stored message for every subscriber of its topic, except those whose replay of that
   * topic already reached past it. Called through the bus.
   */
  public void fanOut(Message message) {
    sequencer.lock();
    try {
      Set<Subscription> subs = registry.holding(message.topic());
      if (subs != null) {
        for (Subscription s : subs) {
          // A shared history's replay may run ahead of its feed (see received); skip what it had.
          Long seen = s.highWater.get(message.topic());
          if (seen == null || message.seq() > seen) {
            s.offer(message);
          }
        }
      }
    } finally {
      sequencer.unlock();
    }
  }

  /**
   * Fans out messages that a shared history ({@link History#feedsBack()}) reports as stored, by
   * this or any other instance, through the bus; then runs {@code delivered}, still under the
   * sequencer lock, so the history's position advances atomically with the fan-out.
   *
   * @param batch consecutive stored messages in id order
   * @param delivered run after the batch was fanned out (before the lock is released)
   */
  public void received(List<Message> batch, Runnable delivered) {
    sequencer.lock();
    try {
      if (running) {
        bus.accept(batch);
      }
      delivered.run();
    } finally {
      sequencer.unlock();
    }
  }

  /**
   * Drops every subscriber as if it had overflowed, so each client reconnects and resumes from its
   * cursor (and learns of any gap). For a shared history whose feed lost continuity.
   */
  public void dropAll() {
    List<Subscription> all;
    sequencer.lock();
    try {
      all = registry.all();
      for (Subscription s : all) {
        detach(s);
      }
    } finally {
      sequencer.unlock();
    }
    for (Subscription s : all) {
      s.subscriber().overflowed();
    }
  }

  /** Registers a subscriber with no topics yet; deliveries go through the returned queue. */
  public Subscription attach(Subscriber subscriber) {
    Subscription s =
        new Subscription(
            subscriber,
            executor,
            settings.queueMaxMessages(),
            settings.queueMaxBytes(),
            this::detach,
            probe);
    sequencer.lock();
    try {
      requireRunning();
      registry.add(s);
    } finally {
      sequencer.unlock();
    }
    return s;
  }

  /**
   * Adds topics to a subscription. Queues a {@link Resumed} signal, then the retained messages
   * after {@code since} for the newly added topics, then live messages as they come.
   *
   * @param since {@code null} for live messages only, {@code "earliest"} or a cursor
   * @return the signal that was queued
   * @throws InvalidInputException for a malformed cursor
   */
  public Resumed subscribe(Subscription sub, List<String> topics, String since) {
    Cursor after = since == null || Cursor.EARLIEST.equals(since) ? null : Cursor.parse(since);
    sequencer.lock();
    try {
      requireRunning();
      List<String> added = new ArrayList<>();
      for (String t : topics) {
        if (registry.join(sub, t)) {
          added.add(t);
        }
      }
      if (since == null) {
        Resumed r = new Resumed(topics, history.position(), List.of());
        sub.offer(r, false);
        return r;
      }
      ReadResult read = history.read(added, after, clock.instant());
      for (String t : added) {
        sub.highWater.put(t, read.cursor().seq());
      }
      boolean foreign = after == null || !read.cursor().epoch().equals(after.epoch());
      Cursor from = foreign || after.seq() > read.cursor().seq() ? startOf() : after;
      Resumed r = new Resumed(topics, from, read.gap());
      if (!read.gap().isEmpty()) {
        probe.gapServed();
      }
      sub.offer(r, false);
      for (Message m : read.messages()) {
        sub.offer(m, false);
      }
      return r;
    } finally {
      sequencer.unlock();
    }
  }

  /** Removes topics from a subscription; unknown topics are ignored. */
  public void unsubscribe(Subscription sub, List<String> topics) {
    sequencer.lock();
    try {
      for (String t : topics) {
        registry.leave(sub, t);
      }
    } finally {
      sequencer.unlock();
    }
  }

  /** Removes a subscriber entirely and drops what is still queued for it. Idempotent. */
  public void detach(Subscription sub) {
    sequencer.lock();
    try {
      sub.close();
      registry.remove(sub);
    } finally {
      sequencer.unlock();
    }
  }

  /**
   * Reads history for a poll.
   *
   * @param since {@code null} for no messages and the current cursor, {@code "earliest"} for all
   *     retained, or a cursor
   */
  public ReadResult read(List<String> topics, String since) {
    return polls.read(topics, since);
  }

  /**
   * For a long poll: answers at once if anything (or a gap) is there, else subscribes {@code sub}
   * to the topics so the next message is queued for it.
   *
   * @return the answer, or {@code null} if {@code sub} now waits
   */
  public ReadResult readOrWait(Subscription sub, List<String> topics, String since) {
    return polls.readOrWait(sub, topics, since);
  }

  /**
   * Ends a waiting long poll that timed out.
   *
   * @return the cursor to answer with, or {@code null} if a delivery already took the poll over
   */
  public Cursor stopWaiting(Subscription sub) {
    return polls.stopWaiting(sub);
  }

  /** The cursor of the newest stored message. */
  public Cursor position() {
    sequencer.lock();
    try {
      return history.position();
    } finally {
      sequencer.unlock();
    }
  }

  /** Applies the history's age limit; called periodically. */
  public void expire() {
    sequencer.lock();
    try {
      history.expire(clock.instant());
    } finally {
      sequencer.unlock();
    }
  }

  /** Subscribers currently attached. */
  public int subscriberCount() {
    sequencer.lock();
    try {
      return registry.size();
    } finally {
      sequencer.unlock();
    }
  }

  /** Subscribers of one topic. */
  public int subscriberCount(String topic) {
    sequencer.lock();
    try {
      return registry.size(topic);
    } finally {
      sequencer.unlock();
    }
  }

  /** Subscriber counts per topic, for operators. */
  public Map<String, Integer> topicCounts() {
    sequencer.lock();
    try {
      return registry.counts();
    } finally {
      sequencer.unlock();
    }
  }

  /** Whether the hub accepts work. */
  public boolean isRunning() {
    return running;
  }

  /** Sets what the hub reports its work to; subscribers attached later report to it. */
  public void probe(HubProbe probe) {
    this.probe = probe != null ? probe : HubProbe.NONE;
  }

  /** Accepts work again after {@link #stop}; history is kept. */
  public void start() {
    running = true;
  }

  /**
   * Stops accepting work, detaches every subscriber, then tells each one through {@link
   * Subscriber#closing()} (outside the lock) so the transports close their connections.
   */
  public void stop() {
    List<Subscription> stopped;
    sequencer.lock();
    try {
      running = false;
      stopped = registry.all();
      for (Subscription s : stopped) {
        detach(s);
      }
    } finally {
      sequencer.unlock();
    }
    for (Subscription s : stopped) {
      try {
        s.subscriber().closing();
      } catch (RuntimeException e) {
        // One broken adapter must not keep the others open.
        LOG.log(Level.FINE, "telling a subscriber to reconnect failed", e);
      }
    }
  }

  /** The topics a subscription holds now. */
  public Set<String> topicsOf(Subscription sub) {
    sequencer.lock();
    try {
      return Set.copyOf(sub.topics);
    } finally {
      sequencer.unlock();
    }
  }

  private Cursor startOf() {
    return new Cursor(history.epoch(), 0);
  }

  HubProbe probe() {
    return probe;
  }

  void requireRunning() {
    if (!running) {
      throw new HubUnavailableException("the hub is stopped");
    }
  }
}
