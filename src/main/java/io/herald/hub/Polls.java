package io.herald.hub;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hub's side of polling: reads of history for short and long polls, and long polls that wait
 * for their next message. A long poll either answers at once from history (or with a gap), or joins
 * the registry as a subscriber of its topics so the next message is queued for it; it then ends
 * either by that delivery or by timing out ({@link #stopWaiting}), never both.
 *
 * <p>Thread-safe: every method runs under the hub's sequencer lock, so a poll's read and its
 * registration are atomic with storing and fan-out. Owned by {@link Hub}, through which the poll
 * transports call it ({@link Hub#read}, {@link Hub#readOrWait}, {@link Hub#stopWaiting}).
 */
final class Polls {
  private final Hub hub;
  private final ReentrantLock sequencer;
  private final SubscriberRegistry registry;
  private final History history;
  private final Clock clock;

  Polls(
      Hub hub, ReentrantLock sequencer, SubscriberRegistry registry, History history, Clock clock) {
    this.hub = hub;
    this.sequencer = sequencer;
    this.registry = registry;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Reads history for a poll.
   *
   * @param since {@code null} for no messages and the current cursor, {@code "earliest"} for all
   *     retained, or a cursor
   */
  ReadResult read(List<String> topics, String since) {
    Cursor after = since == null || Cursor.EARLIEST.equals(since) ? null : Cursor.parse(since);
    sequencer.lock();
    try {
      hub.requireRunning();
      if (since == null) {
        return new ReadResult(List.of(), history.position(), List.of());
      }
      ReadResult read = history.read(topics, after, clock.instant());
      if (!read.gap().isEmpty()) {
        hub.probe().gapServed();
      }
      return read;
    } finally {
      sequencer.unlock();
    }
  }

  /**
   * Answers at once if anything (or a gap) is there, else subscribes {@code sub} to the topics so
   * the next message is queued for it.
   *
   * @return the answer, or {@code null} if {@code sub} now waits
   */
  ReadResult readOrWait(Subscription sub, List<String> topics, String since) {
    sequencer.lock();
    try {
      ReadResult now;
      try {
        now = read(topics, since);
      } catch (RuntimeException e) {
        hub.detach(sub);
        throw e;
      }
      if (!now.messages().isEmpty() || !now.gap().isEmpty()) {
        hub.detach(sub);
        return now;
      }
      for (String t : topics) {
        if (registry.join(sub, t)) {
          sub.highWater.put(t, now.cursor().seq());
        }
      }
      return null;
    } finally {
      sequencer.unlock();
    }
  }

  /**
   * Ends a waiting poll that timed out.
   *
   * @return the cursor to answer with, or {@code null} if a delivery already took the poll over
   */
  Cursor stopWaiting(Subscription sub) {
    sequencer.lock();
    try {
      if (!sub.idle() || sub.isClosed()) {
        return null;
      }
      // Never behind what the waiting poll read: a shared history's feed may lag its reads.
      long read = sub.highWater.values().stream().mapToLong(Long::longValue).max().orElse(0);
      hub.detach(sub);
      Cursor at = history.position();
      return read > at.seq() ? new Cursor(at.epoch(), read) : at;
    } finally {
      sequencer.unlock();
    }
  }
}
