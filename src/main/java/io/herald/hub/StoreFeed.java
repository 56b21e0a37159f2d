package io.herald.hub;

import java.util.List;

/**
 * What a shared store ({@link History#feedsBack()}) hands messages read back from its shared log
 * to: all it sees of the hub. The hub fans each batch out to its subscribers and announces it, as
 * it does a local publish.
 *
 * <p>Thread-safe. Obtained from {@link Hub#feed()} and given to the store by {@link
 * History#start(StoreFeed)}; called by the store's feed thread.
 */
public interface StoreFeed {

  /**
   * Fans out messages stored by this or any other instance, under the hub's sequencer lock, then
   * runs {@code delivered} still under that lock, so the store's position advances atomically with
   * the fan-out. A stopped hub skips the fan-out but still runs {@code delivered}.
   *
   * @param batch consecutive stored messages in id order (may be empty, to only run {@code
   *     delivered})
   * @param delivered run after the batch was fanned out, before the lock is released
   */
  void received(List<Message> batch, Runnable delivered);

  /**
   * The feed lost continuity (the store lost data, or this instance fell further behind than the
   * shared log keeps): drops every subscriber as if it had overflowed, so each client reconnects
   * and resumes from its cursor, and learns of any gap.
   */
  void lost();
}
