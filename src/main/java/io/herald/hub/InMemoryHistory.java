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
      if (foreign || (log != null && log.evictedUpTo > from && after != null)) {
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
