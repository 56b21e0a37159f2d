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
  public ReadResult read(List<String> topics, Cursor after, Instant now, Page page) {
    Instant oldest = now.minus(maxAge);
    boolean foreign = after != null && (!after.epoch().equals(epoch) || after.seq() > seq);
    Cursor from = foreign ? null : after;
    List<Message> found = new ArrayList<>();
    List<String> gap = new ArrayList<>();
    for (String topic : topics) {
      TopicLog log = logs.get(topic);
      if (log != null) {
        trim(log, oldest);
      }
      long dropped = log != null ? log.evictedUpTo : reclaimedUpTo;
      boolean evicted = from != null && dropped > from.seq();
      if (!page.reverse() && (foreign || evicted)) {
        gap.add(topic);
      }
      if (log != null) {
        collect(log, from, page, found);
      }
    }
    Comparator<Message> order = Comparator.comparingLong(Message::seq);
    found.sort(page.reverse() ? order.reversed() : order);
    List<Message> kept = page.cut(found);
    boolean more = kept.size() < found.size();
    Cursor next = more ? kept.get(kept.size() - 1).id() : position();
    return new ReadResult(List.copyOf(kept), next, List.copyOf(gap), more);
  }

  /**
   * Adds to {@code found} the first {@code limit + 1} messages of one topic in the page's order
   * past {@code from}: one more than a page, so the caller knows whether there is more.
   */
  private static void collect(TopicLog log, Cursor from, Page page, List<Message> found) {
    long want = (long) page.limit() + 1;
    if (page.reverse()) {
      long before = from == null ? Long.MAX_VALUE : from.seq();
      Iterator<Message> it = log.messages.descendingIterator();
      while (it.hasNext() && want > 0) {
        Message m = it.next();
        if (m.seq() < before) {
          found.add(m);
          want--;
        }
      }
      return;
    }
    long after = from == null ? 0 : from.seq();
    // Walk back from the tail to the first message past the cursor (resumes usually ask for the
    // last few), then forward from there.
    int skip = 0;
    Iterator<Message> back = log.messages.descendingIterator();
    while (back.hasNext() && back.next().seq() > after) {
      skip++;
    }
    Iterator<Message> it = log.messages.iterator();
    for (int i = log.messages.size() - skip; i > 0; i--) {
      it.next();
    }
    while (it.hasNext() && want > 0) {
      found.add(it.next());
      want--;
    }
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
