package io.herald.hub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One subscription's replay of history still to be paged in: the topics it covers, where the next
 * page starts and the last message it includes (the newest stored when it began; later messages
 * arrive live, held behind it). Pages are bounded by count and bytes, so a resume never queues more
 * than one page at a time.
 *
 * <p>Not thread-safe: created and advanced by {@link Hub} under its sequencer lock.
 */
final class Replay {
  final Set<String> topics;
  private Cursor after;
  private final long upTo;
  private final Set<String> toldGap;

  /**
   * @param topics the topics to replay
   * @param after the position the next page is read after; {@code null} for the earliest retained
   * @param upTo seq of the last message the replay includes
   * @param toldGap topics the client was already told have a gap after {@code after}
   */
  Replay(List<String> topics, Cursor after, long upTo, List<String> toldGap) {
    this.topics = new LinkedHashSet<>(topics);
    this.after = after;
    this.upTo = upTo;
    this.toldGap = new HashSet<>(toldGap);
  }

  /**
   * Whether a read for the next page lost history the client was not told of: messages after this
   * replay's position were evicted before it reached them.
   */
  boolean lost(ReadResult read) {
    for (String t : read.gap()) {
      if (topics.contains(t) && !toldGap.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes the next page from what the history read after this replay's position: messages up to
   * {@link #upTo} in id order, at most {@code maxMessages} and (past the first) {@code maxBytes}.
   * Advances past them.
   *
   * @param read the history's answer to a read of {@link #topics} after {@link #after()}
   * @return the page; the replay is {@link #done()} when it held the last message
   */
  List<Message> next(ReadResult read, int maxMessages, long maxBytes) {
    List<Message> page = new ArrayList<>(Math.min(maxMessages, read.messages().size()));
    long bytes = 0;
    boolean more = false;
    for (Message m : read.messages()) {
      if (m.seq() > upTo) {
        break;
      }
      if (page.size() >= Math.max(1, maxMessages)
          || !page.isEmpty() && bytes + m.weight() > maxBytes) {
        more = true;
        break;
      }
      page.add(m);
      bytes += m.weight();
    }
    if (!more && read.more() && !page.isEmpty() && page.get(page.size() - 1).seq() < upTo) {
      // The read itself stopped at a page bound: the history holds more before upTo.
      more = true;
    }
    if (more) {
      after = page.get(page.size() - 1).id();
      toldGap.clear();
    } else {
      topics.clear();
    }
    return page;
  }

  /** Where the next page is read after; {@code null} for the earliest retained. */
  Cursor after() {
    return after;
  }

  /** True when nothing is left to page in (all read, or every topic unsubscribed). */
  boolean done() {
    return topics.isEmpty();
  }
}
