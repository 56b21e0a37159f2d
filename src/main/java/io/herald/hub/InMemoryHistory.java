package io.herald.hub;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The embedded history: per topic, the newest messages up to a count and an age limit. Its epoch is
 * random, so cursors issued before a restart are recognised as foreign and answered with a gap.
 *
 * <p>A topic whose messages have all aged out and that no subscriber holds is forgotten. Its newest
 * dropped id goes into one watermark, {@code reclaimedUpTo}, which stands in for the dropped id of
 * every topic it does not know: a cursor older than it gets a gap on such a topic, as it would have
 * on the forgotten one (a topic never published to may get a gap it did not strictly need; a gap
 * only makes the client reload, so erring that way is safe). Expiry visits topics in the order
 * their oldest message ages out ({@code due}), so a tick costs what expires, not how many topics
 * exist, and does at most {@link #EXPIRY_SLICE} topics per call.
 *
 * <p>Not thread-safe: the {@link Hub} serialises all calls (see {@link History}).
 */
public final class InMemoryHistory implements History {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Most topics one {@link #expire} call visits; the hub releases its lock between calls. */
  static final int EXPIRY_SLICE = 1_000;

  private final String epoch;
  private final int maxCount;
  private final Duration maxAge;
  private final Map<String, TopicLog> logs = new HashMap<>();

  /**
   * One entry per known topic, no later than its oldest message (or, for an emptied topic a
   * subscriber still holds, when to look at it again); trimming from the front never makes an entry
   * late.
   */
  private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::time));

  private long reclaimedUpTo;
  private long seq;

  /**
   * @param maxCount most messages kept per topic (at least 1)
   * @param maxAge oldest message kept
   */
  public InMemoryHistory(int maxCount, Duration maxAge) {
    if (maxCount < 1 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("history limits must be positive");
    }
    this.maxCount = maxCount;
    this.maxAge = maxAge;
    this.epoch = Long.toString(RANDOM.nextLong() >>> 1, 36);
  }

  @Override
  public String epoch() {
    return epoch;
  }

  @Override
  public Cursor position() {
    return new Cursor(epoch, seq);
  }

  @Override
  public List<Message> append(List<Draft> drafts, Instant now) {
    List<Message> stored = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      Message m = new Message(new Cursor(epoch, ++seq), d.topic(), d.event(), d.dataJson(), now);
      TopicLog log = logs.get(d.topic());
      if (log == null) {
        log = new TopicLog(reclaimedUpTo);
        logs.put(d.topic(), log);
        due.add(new Due(now, d.topic()));
      }
      log.messages.addLast(m);
      while (log.messages.size() > maxCount) {
        log.evictedUpTo = log.messages.removeFirst().seq();
      }
      stored.add(m);
    }
    return stored;
  }

  @Override
  public ReadResult read(List<String> topics, Cursor after, Instant now) {
    Instant oldest = now.minus(maxAge);
    boolean foreign = after != null && (!after.epoch().equals(epoch) || after.seq() > seq);
    long from = after == null || foreign ? 0 : after.seq();
    List<Message> found = new ArrayList<>();
    List<String> gap = new ArrayList<>();
    for (String topic : topics) {
      TopicLog log = logs.get(topic);
      if (log != null) {
        trim(log, oldest);
      }
      long evicted = log != null ? log.evictedUpTo : reclaimedUpTo;
      if (foreign || (evicted > from && after != null)) {
        gap.add(topic);
      }
      if (log == null) {
        continue;
      }
      // Newest first from the tail: resumes usually ask for the last few messages.
      Iterator<Message> it = log.messages.descendingIterator();
      while (it.hasNext()) {
        Message m = it.next();
        if (m.seq() <= from) {
          break;
        }
        found.add(m);
      }
    }
    found.sort(Comparator.comparingLong(Message::seq));
    return new ReadResult(List.copyOf(found), position(), List.copyOf(gap));
  }

  @Override
  public boolean expire(Instant now, Predicate<String> held) {
    Instant oldest = now.minus(maxAge);
    for (int visited = 0; visited < EXPIRY_SLICE; visited++) {
      Due next = due.peek();
      if (next == null || !next.time().isBefore(oldest)) {
        return false;
      }
      due.poll();
      TopicLog log = logs.get(next.topic());
      trim(log, oldest);
      if (!log.messages.isEmpty()) {
        due.add(new Due(log.messages.peekFirst().time(), next.topic()));
      } else if (held.test(next.topic())) {
        due.add(new Due(now, next.topic()));
      } else {
        logs.remove(next.topic());
        reclaimedUpTo = Math.max(reclaimedUpTo, log.evictedUpTo);
      }
    }
    return true;
  }

  /** How many topics it knows; for tests and measurements. */
  int topicCount() {
    return logs.size();
  }

  private static void trim(TopicLog log, Instant oldest) {
    while (!log.messages.isEmpty() && log.messages.peekFirst().time().isBefore(oldest)) {
      log.evictedUpTo = log.messages.removeFirst().seq();
    }
  }

  /** One topic's retained messages and the newest id it has dropped (or that was reclaimed). */
  private static final class TopicLog {
    final ArrayDeque<Message> messages = new ArrayDeque<>();
    long evictedUpTo;

    TopicLog(long evictedUpTo) {
      this.evictedUpTo = evictedUpTo;
    }
  }

  /** When {@code topic} is next worth looking at for expiry. */
  private record Due(Instant time, String topic) {}
}
