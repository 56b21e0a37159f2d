package io.herald.hub;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The hub's side of polling: reads of history for short and long polls, and long polls that wait
 * for their next message. A long poll either answers at once from history (or with a gap), or joins
 * the registry as a subscriber of its topics so the next message is queued for it; it then ends
 * either by that delivery or by timing out ({@link #stopWaiting}), never both.
 *
 * <p>Thread-safe: every method runs under the hub's sequencer lock, so a poll's read and its
 * registration are atomic with storing and fan-out. Owned by {@link Hub}, which shares its lock,
 * registry and history with it and through which the poll transports call it ({@link Hub#read},
 * {@link Hub#readOrWait}, {@link Hub#stopWaiting}); the hub counts the gaps polls are told of.
 */
final class Polls {
  private final ReentrantLock sequencer;
  private final SubscriberRegistry registry;
  private final History history;
  private final Clock clock;
  private final BooleanSupplier running;

  /**
   * @param sequencer the hub's lock
   * @param registry the hub's subscribers, that a waiting poll joins
   * @param history where polls read
   * @param clock time for age limits
   * @param running whether the hub accepts work (read under the lock)
   */
  Polls(
      ReentrantLock sequencer,
      SubscriberRegistry registry,
      History history,
      Clock clock,
      BooleanSupplier running) {
    this.sequencer = sequencer;
    this.registry = registry;
    this.history = history;
    this.clock = clock;
    this.running = running;
  }

  /**
   * Reads history for a poll.
   *
   * @param since {@code null} for no messages and the current cursor, {@code "earliest"} for all
   *     retained (the newest first, for a reversed page), or a cursor
   * @param page how much to answer at most
   */
  ReadResult read(List<String> topics, String since, Page page) {
    Cursor after = since == null || Cursor.EARLIEST.equals(since) ? null : Cursor.parse(since);
    sequencer.lock();
    try {
      if (!running.getAsBoolean()) {
        throw new HubUnavailableException("the hub is stopped");
      }
      if (since == null) {
        return new ReadResult(List.of(), history.position(), List.of());
      }
      return history.read(topics, after, clock.instant(), page);
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
  ReadResult readOrWait(Outbox sub, List<String> topics, String since, Page page) {
    sequencer.lock();
    try {
      ReadResult now;
      try {
        now = read(topics, since, page);
      } catch (RuntimeException e) {
        registry.remove(sub);
        throw e;
      }
      if (!now.messages().isEmpty() || !now.gap().isEmpty()) {
        registry.remove(sub);
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
  Cursor stopWaiting(Outbox sub) {
    sequencer.lock();
    try {
      if (!sub.idle() || sub.isClosed()) {
        return null;
      }
      // Never behind what the waiting poll read: a shared history's feed may lag its reads.
      long read = sub.highWater.values().stream().mapToLong(Long::longValue).max().orElse(0);
      registry.remove(sub);
      Cursor at = history.position();
      return read > at.seq() ? new Cursor(at.epoch(), read) : at;
    } finally {
      sequencer.unlock();
    }
  }
}
