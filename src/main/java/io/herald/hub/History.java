package io.herald.hub;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The message store: where messages are stored and ordered. The in-memory {@link InMemoryHistory}
 * is the embedded default; {@code herald.store} names another one, offered as a {@link
 * Store @Store} History bean (the Redis store shared by several instances), which implements the
 * same contract.
 *
 * <p>Thread-safety: the {@link Hub} serialises all calls under its sequencer lock, so
 * implementations need no locking of their own for the hub's sake (except {@link #append} of a
 * history that {@link #feedsBack()}).
 */
public interface History {

  /** Identity of this history; part of every cursor it issues. */
  String epoch();

  /** The cursor of the newest message stored (seq 0 when empty). */
  Cursor position();

  /**
   * Stores drafts atomically and in order, giving each the next id.
   *
   * @param now time to stamp them with
   * @return the stored messages, in the drafts' order
   */
  List<Message> append(List<Draft> drafts, Instant now);

  /**
   * Reads what is retained after a cursor.
   *
   * @param topics validated topics
   * @param after the cursor to read after; {@code null} means "from the earliest retained"
   * @param now current time, for age limits
   * @return messages in id order, the position after them, and the topics with a gap
   */
  default ReadResult read(List<String> topics, Cursor after, Instant now) {
    return read(topics, after, now, Page.ALL);
  }

  /**
   * Reads one page of what is retained after a cursor (before it, for a reversed page). Reads no
   * more from the store than the page can hold, give or take one message per topic.
   *
   * @param topics validated topics
   * @param after the cursor to read after (before, reversed); {@code null} means from the earliest
   *     retained (the newest, reversed)
   * @param now current time, for age limits
   * @param page how many messages and bytes at most, and in which order
   * @return messages in the page's order, where the next page starts, whether there is one, and the
   *     topics with a gap (a forward read after a cursor only)
   */
  ReadResult read(List<String> topics, Cursor after, Instant now, Page page);

  /**
   * Drops what the age limit no longer allows, and forgets topics left with nothing retained that
   * no subscriber holds, so a cursor from before gets the same gap as for evicted history. Does a
   * bounded slice of the work per call; called periodically by {@link Hub#expire()}, again while it
   * returns true, with the hub's lock released in between.
   *
   * @param held whether a subscriber of this hub holds a topic
   * @return true if more is due now
   */
  boolean expire(Instant now, Predicate<String> held);

  /**
   * Whether stored messages reach the hub through its own feed rather than straight from {@link
   * #append}. A history shared by several instances returns true and hands every message any
   * instance stored, in id order, to the {@link StoreFeed} it was {@link #start started} with;
   * {@link #position()} is then the newest message so delivered, and {@link #read} returns nothing
   * past it. Such a history's {@link #append} must be thread-safe: the hub calls it without its
   * lock.
   */
  default boolean feedsBack() {
    return false;
  }

  /**
   * Called once by the hub's producer when the hub over this history is ready; a history that
   * {@link #feedsBack()} starts its feed here.
   *
   * @param feed where to hand messages read back from the shared log ({@link Hub#feed()})
   */
  default void start(StoreFeed feed) {}

  /**
   * Whether the store can serve now; for the readiness check ({@link StoreReadiness}). May be
   * called from any thread, without the hub's lock.
   */
  default boolean isAvailable() {
    return true;
  }
}
