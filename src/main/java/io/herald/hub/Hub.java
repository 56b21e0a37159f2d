package io.herald.hub;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sequencer. Publishing stores messages in the {@link History}, which gives each its id, then
 * fans them out ({@link FanOut}): it only queues them for each subscriber, whose own queue is
 * drained on the delivery pool. One lock orders storing, fan-out and (re)subscribing, so every
 * subscriber sees messages in id order, and a resume's replay joins the live stream with nothing
 * lost or repeated. Who holds which topic is kept by a {@link SubscriberRegistry}; long polls
 * waiting for their next message and history reads for polls by {@link Polls}; a resume's replay,
 * page by page, by {@link ReplayPager}; all only under the same lock. A shared store ({@link
 * History#feedsBack()}) orders appends itself and hands what it stored back through the hub's
 * {@link #feed()}; only then does the hub fan out, on every instance alike.
 *
 * <p><b>What applications are told</b>: the {@code published} callback is called once for every
 * stored message, in id order, right after that message was queued for this hub's subscribers and
 * before the next one is; on the publisher's thread (or, with a shared store, the store's feed
 * thread, for messages any instance stored), while the sequencer lock is held. It must not throw,
 * and must be quick. In the container it only queues the message for one announcer thread ({@code
 * herald-announcer-1}), which fires the {@link MessagePublished} CDI event: observers see every
 * stored message once, in id order, one at a time, after the publish that stored it may already
 * have returned, and never under the lock. A slow observer delays only the announcements after it
 * (which queue, unbounded, meanwhile), not publishers, subscribers or delivery.
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
  private final FanOut fanOut;
  private final PresenceTracker presence = new PresenceTracker();
  private final SubscriberRegistry registry = new SubscriberRegistry(presence);
  private final Polls polls;
  private final ReplayPager replays;
  private final StoreFeed feed = new Feed();
  private volatile boolean running = true;
  private volatile HubMetrics metrics = HubMetrics.NONE;

  /**
   * @param history where messages are stored
   * @param settings queue bounds
   * @param executor delivery pool; never the publisher's thread
   * @param clock time source for message stamps and age limits
   * @param published told of each stored message after its fan-out, as the class comment states;
   *     {@code null} for nobody
   */
  public Hub(
      History history,
      HubSettings settings,
      Executor executor,
      Clock clock,
      Consumer<Message> published) {
    this.history = history;
    this.settings = settings;
    this.executor = executor;
    this.clock = clock;
    this.fanOut = new FanOut(registry, published != null ? published : m -> {});
    this.polls = new Polls(sequencer, registry, history, clock, () -> running);
    this.replays =
        new ReplayPager(sequencer, history, settings, clock, () -> running, this::countGap);
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
      return store(drafts);
    }
    sequencer.lock();
    try {
      List<Message> stored = store(drafts);
      fanOut.deliver(stored);
      return stored;
    } finally {
      sequencer.unlock();
    }
  }

  private List<Message> store(List<Draft> drafts) {
    requireRunning();
    List<Message> stored = history.append(drafts, clock.instant());
    metrics.published(stored.size());
    return stored;
  }

  /**
   * The callback a shared store ({@link History#feedsBack()}) hands what it stored to; given to it
   * by {@link History#start(StoreFeed)}.
   */
  public StoreFeed feed() {
    return feed;
  }

  /** The hub as a shared store's feed sees it. */
  private final class Feed implements StoreFeed {
    @Override
    public void received(List<Message> batch, Runnable delivered) {
      lockedRun(
          () -> {
            if (running) {
              fanOut.deliver(batch);
            }
            delivered.run();
          });
    }

    @Override
    public void lost() {
      for (Outbox s : detachAll(false)) {
        s.subscriber().overflowed();
      }
    }
  }

  /** Registers a subscriber with no topics yet; deliveries go through the returned queue. */
  public Outbox attach(Subscriber subscriber) {
    Outbox s =
        new Outbox(
            subscriber,
            executor,
            settings.queueMaxMessages(),
            settings.queueMaxBytes(),
            this::detach,
            replays::nextPage,
            metrics);
    lockedRun(
        () -> {
          requireRunning();
          registry.add(s);
        });
    return s;
  }

  /**
   * Adds topics to a subscription. Queues a {@link Resumed} signal, then the retained messages
   * after {@code since} for the newly added topics, then live messages as they come. Topics the
   * subscription already holds (or is still replaying) are not replayed again.
   *
   * <p>The replay is paged: at most one page ({@link HubSettings#replayPageMessages()}, {@link
   * HubSettings#replayPageBytes()}) is queued here, and the queue pulls each next one once it has
   * drained the last; live messages for these topics wait behind it. If history the replay has not
   * reached yet is evicted meanwhile, the subscriber is dropped as a slow consumer and resumes.
   *
   * @param since {@code null} for live messages only, {@code "earliest"} or a cursor
   * @return the signal that was queued
   * @throws InvalidInputException for a malformed cursor
   */
  public Resumed subscribe(Outbox sub, List<String> topics, String since) {
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
        sub.offer(r);
        return r;
      }
      return replays.resume(sub, topics, added, after);
    } finally {
      sequencer.unlock();
    }
  }

  /** Removes topics from a subscription; unknown topics are ignored. */
  public void unsubscribe(Outbox sub, List<String> topics) {
    lockedRun(() -> topics.forEach(t -> registry.leave(sub, t)));
  }

  /** Removes a subscriber entirely and drops what is still queued for it. Idempotent. */
  public void detach(Outbox sub) {
    lockedRun(() -> registry.remove(sub));
  }

  /**
   * Reads history for a poll.
   *
   * @param since {@code null} for no messages and the current cursor, {@code "earliest"} for all
   *     retained, or a cursor
   */
  public ReadResult read(List<String> topics, String since) {
    return read(topics, since, Page.ALL);
  }

  /**
   * Reads one page of history for a poll or a history request.
   *
   * @param since {@code null} for no messages and the current cursor, {@code "earliest"} for the
   *     start in the page's order (the oldest retained, or the newest for a reversed page), or a
   *     cursor to continue after
   * @param page how much to answer at most
   */
  public ReadResult read(List<String> topics, String since, Page page) {
    return countGap(polls.read(topics, since, page));
  }

  /**
   * For a long poll: answers at once with a page if anything (or a gap) is there, else subscribes
   * {@code sub} to the topics so the next message is queued for it.
   *
   * @return the answer, or {@code null} if {@code sub} now waits
   */
  public ReadResult readOrWait(Outbox sub, List<String> topics, String since, Page page) {
    ReadResult answer = polls.readOrWait(sub, topics, since, page);
    return answer == null ? null : countGap(answer);
  }

  /**
   * Ends a waiting long poll that timed out.
   *
   * @return the cursor to answer with, or {@code null} if a delivery already took the poll over
   */
  public Cursor stopWaiting(Outbox sub) {
    return polls.stopWaiting(sub);
  }

  /** The cursor of the newest stored message. */
  public Cursor position() {
    return locked(history::position);
  }

  /**
   * Applies the history's age limit and reclaims idle topics; called periodically. The lock is
   * taken once per slice of the history's work, so publishers wait for a slice, not a whole scan.
   */
  public void expire() {
    boolean more = true;
    while (more && running) {
      sequencer.lock();
      try {
        more = history.expire(clock.instant(), topic -> registry.holding(topic) != null);
      } finally {
        sequencer.unlock();
      }
    }
  }

  /** Subscribers currently attached. */
  public int subscriberCount() {
    return locked(registry::size);
  }

  /** Subscribers of one topic. */
  public int subscriberCount(String topic) {
    return locked(() -> registry.size(topic));
  }

  /** Who is subscribed to {@code topic} now (on every instance, with a shared presence board). */
  public Presence presence(String topic) {
    return presence.presence(topic);
  }

  /** Join and leave events ({@link PresenceEvent}) and presence across instances. */
  public PresenceTracker presenceTracker() {
    return presence;
  }

  /**
   * {@link #subscribe(Outbox, List, String)}, also queueing the topics' join and leave events for
   * {@code sub} until it lets go of them, its own join included.
   *
   * @param named whether a topic's events may name who joined or left
   */
  public Resumed subscribe(Outbox sub, List<String> topics, String since, Predicate<String> named) {
    sequencer.lock();
    try {
      presence.expect(sub, named);
      try {
        return subscribe(sub, topics, since);
      } finally {
        presence.expect(null, null);
        for (String t : topics) {
          if (sub.topics.contains(t)) {
            presence.watch(sub, t, named.test(t));
          }
        }
      }
    } finally {
      sequencer.unlock();
    }
  }

  /** Subscriber counts per topic, for operators. */
  public Map<String, Integer> topicCounts() {
    return locked(registry::counts);
  }

  /** Whether the hub accepts work. */
  public boolean isRunning() {
    return running;
  }

  /** Sets what the hub reports its work to; subscribers attached later report to it. */
  public void metrics(HubMetrics metrics) {
    this.metrics = metrics != null ? metrics : HubMetrics.NONE;
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
    for (Outbox s : detachAll(true)) {
      try {
        s.subscriber().closing();
      } catch (RuntimeException e) {
        // One broken adapter must not keep the others open.
        LOG.log(Level.FINE, "telling a subscriber to reconnect failed", e);
      }
    }
  }

  /** The topics a subscription holds now. */
  public Set<String> topicsOf(Outbox sub) {
    return locked(() -> Set.copyOf(sub.topics));
  }

  /** Detaches every subscriber (first refusing further work if {@code stop}); returns them. */
  private List<Outbox> detachAll(boolean stop) {
    return locked(
        () -> {
          if (stop) {
            running = false;
          }
          List<Outbox> all = registry.all();
          all.forEach(registry::remove);
          return all;
        });
  }

  /** Runs {@code work} under the sequencer lock: for the calls that are not on a hot path. */
  private <T> T locked(Supplier<T> work) {
    sequencer.lock();
    try {
      return work.get();
    } finally {
      sequencer.unlock();
    }
  }

  private void lockedRun(Runnable work) {
    locked(
        () -> {
          work.run();
          return null;
        });
  }

  private ReadResult countGap(ReadResult read) {
    if (!read.gap().isEmpty()) {
      metrics.gapServed();
    }
    return read;
  }

  private void requireRunning() {
    if (!running) {
      throw new HubUnavailableException("the hub is stopped");
    }
  }
}
