package io.herald.hub;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's side of resuming: a subscribe with a cursor queues its {@link Resumed} signal and the
 * first page of the replay, and each next page is read only once the subscriber's queue has drained
 * the last one ({@link #nextPage}). Live messages for topics still being replayed are held behind
 * the replay (see {@link #replaying}), so the replay joins the live stream with nothing lost or
 * repeated. If history the replay has not reached yet is evicted meanwhile, the subscriber is
 * dropped as a slow consumer and resumes.
 *
 * <p>Thread-safe: {@link #resume} is called with the hub's sequencer lock held, {@link #nextPage}
 * takes it. Owned by {@link Hub}, which shares its lock, history and settings with it; {@link
 * Hub#subscribe} calls {@link #resume} and each {@link Outbox} calls {@link #nextPage} (as its
 * pager) on the delivery pool.
 */
final class ReplayPager {
  private static final Logger LOG = Logger.getLogger(ReplayPager.class.getName());

  private final ReentrantLock sequencer;
  private final History history;
  private final HubSettings settings;
  private final Clock clock;
  private final BooleanSupplier running;
  private final Consumer<ReadResult> gapCounter;

  /**
   * @param sequencer the hub's lock
   * @param history where replays read
   * @param settings the replay page bounds
   * @param clock time for age limits
   * @param running whether the hub accepts work (read under the lock)
   * @param gapCounter told of every first-page read, to count the gaps clients are told of
   */
  ReplayPager(
      ReentrantLock sequencer,
      History history,
      HubSettings settings,
      Clock clock,
      BooleanSupplier running,
      Consumer<ReadResult> gapCounter) {
    this.sequencer = sequencer;
    this.history = history;
    this.settings = settings;
    this.clock = clock;
    this.running = running;
    this.gapCounter = gapCounter;
  }

  /**
   * Queues the {@link Resumed} signal for a subscribe with a cursor, then the first replay page of
   * the newly {@code added} topics (or, if the queue is still busy, marks the replay to wait its
   * turn). Under the hub's sequencer lock, after the topics were joined.
   *
   * @param topics every topic of the subscribe request
   * @param added the topics the subscription did not hold yet, that are replayed
   * @param after the cursor to resume after; {@code null} for the earliest retained
   * @return the signal that was queued
   */
  Resumed resume(Outbox sub, List<String> topics, List<String> added, Cursor after) {
    // Only one page is read here, under the lock; the rest is read page by page as the client
    // drains. The replay ends where a whole read would have (the read's cursor; when the page
    // is cut, the newest message stored now): later messages arrive live.
    ReadResult read = history.read(added, after, clock.instant(), page());
    Cursor end = read.more() ? history.position() : read.cursor();
    long upTo = end.seq();
    for (String t : added) {
      sub.highWater.put(t, upTo);
    }
    boolean foreign = after == null || !end.epoch().equals(after.epoch());
    Cursor from = foreign || after.seq() > end.seq() ? new Cursor(history.epoch(), 0) : after;
    Resumed r = new Resumed(topics, from, read.gap());
    gapCounter.accept(read);
    boolean idle = sub.replays.isEmpty() && sub.idle();
    if (!sub.offer(r) || added.isEmpty()) {
      return r;
    }
    Replay replay = new Replay(added, after, upTo, read.gap());
    if (!idle) {
      // Something is still queued or in flight: the replay waits its turn, so a client that
      // does not read gets no more than one page however often it subscribes.
      sub.replays.addLast(replay);
      sub.page(List.of(), true);
      return r;
    }
    List<Message> page =
        replay.next(read, settings.replayPageMessages(), settings.replayPageBytes());
    if (!replay.done()) {
      sub.replays.addLast(replay);
    }
    sub.page(page, !replay.done());
    return r;
  }

  /**
   * Queues a subscription's next replay page, or, when its replays are done, the live messages held
   * behind them. Called by its {@link Outbox} on the delivery pool once it has drained the last
   * page; reads history under the lock for one page only.
   */
  void nextPage(Outbox sub) {
    sequencer.lock();
    try {
      if (!running.getAsBoolean()) {
        sub.replays.clear();
      }
      while (!sub.replays.isEmpty()) {
        Replay replay = sub.replays.peekFirst();
        if (replay.done()) {
          sub.replays.pollFirst();
          continue;
        }
        ReadResult read =
            history.read(List.copyOf(replay.topics), replay.after(), clock.instant(), page());
        if (replay.lost(read)) {
          // History the replay had not reached was evicted: the client resumes from its cursor
          // and is told of the gap there, rather than silently missing messages here.
          sub.replays.clear();
          sub.overflow();
          return;
        }
        List<Message> page =
            replay.next(read, settings.replayPageMessages(), settings.replayPageBytes());
        if (replay.done()) {
          sub.replays.pollFirst();
        }
        sub.page(page, true);
        break;
      }
      if (sub.replays.isEmpty()) {
        sub.release();
      }
    } catch (RuntimeException e) {
      // The store failed to read (e.g. Redis unreachable): the client resumes from its cursor
      // once it is back, instead of this queue waiting for a page that never comes.
      LOG.log(Level.FINE, "reading a replay page failed", e);
      sub.replays.clear();
      sub.overflow();
    } finally {
      sequencer.unlock();
    }
  }

  /** Whether live messages of {@code topic} must wait behind a replay of {@code sub}. */
  static boolean replaying(Outbox sub, String topic) {
    for (Replay r : sub.replays) {
      if (r.topics.contains(topic)) {
        return true;
      }
    }
    return false;
  }

  /** One replay page's read: the page bounds, in id order. */
  private Page page() {
    return new Page(settings.replayPageMessages(), settings.replayPageBytes(), false);
  }
}
