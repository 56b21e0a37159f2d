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

/**
 * The embedded history: per topic, the newest messages up to a count and an age limit. Its epoch is
 * random, so cursors issued before a restart are recognised as foreign and answered with a gap.
 *
 * <p>Not thread-safe: the {@link Hub} serialises all calls (see {@link History}).
 */
public final class InMemoryHistory implements History {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String epoch;
  private final int maxCount;
  private final Duration maxAge;
  private final Map<String, TopicLog> logs = new HashMap<>();
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
      TopicLog log = logs.computeIfAbsent(d.topic(), t -> new TopicLog());
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
      boolean evicted = log != null && from != null && log.evictedUpTo > from.seq();
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
  public void expire(Instant now) {
    Instant oldest = now.minus(maxAge);
    for (TopicLog log : logs.values()) {
      trim(log, oldest);
    }
  }

  private static void trim(TopicLog log, Instant oldest) {
    while (!log.messages.isEmpty() && log.messages.peekFirst().time().isBefore(oldest)) {
      log.evictedUpTo = log.messages.removeFirst().seq();
    }
  }

  /** One topic's retained messages and the newest id it has dropped. */
  private static final class TopicLog {
    final ArrayDeque<Message> messages = new ArrayDeque<>();
    long evictedUpTo;
  }
}
