package io.herald.hub;

import java.util.List;

/**
 * One client connection as the hub sees it. Each transport has one adapter (WebSocket session, SSE
 * sink, parked long poll).
 *
 * <p>The hub calls {@link #deliver} from its delivery pool, never on a publisher's thread, and
 * never concurrently for one subscriber: the next batch waits until {@code done} runs.
 */
public interface Subscriber {

  /**
   * Writes a batch to the client without blocking on the network where the transport allows.
   *
   * @param batch queued items in order: messages, {@link Resumed} signals, transport frames
   * @param done to run exactly once, on any thread, when the transport can take the next batch; if
   *     the write failed the adapter closes itself and detaches instead
   */
  void deliver(List<Outbound> batch, Runnable done);

  /**
   * The subscriber fell too far behind: its queue overflowed and the hub has dropped it. The
   * adapter closes the connection telling the client to reconnect and resume from its cursor.
   * Called once, from the delivery pool.
   */
  void overflowed();

  /**
   * The hub is stopping (server stop or undeploy) and has detached this subscriber. The adapter
   * ends the connection telling the client to come back later and resume from its cursor (WebSocket
   * close 1001, SSE stream end with a {@code retry:} hint, parked poll answered). Called once, on
   * the thread stopping the hub; must not block for long.
   */
  default void closing() {}

  /**
   * Who this subscriber is, for {@link Hub#presence}: the caller's subject, or {@code null} when
   * anonymous (counted, not named). Called under the hub's lock: must return a stored value.
   */
  default String identity() {
    return null;
  }

  /**
   * Whether this subscriber counts in {@link Hub#presence} and its joins and leaves are announced
   * ({@link PresenceEvent}); false for a long poll, which comes and goes with every answer. Called
   * under the hub's lock: must return a stored value.
   */
  default boolean announcesPresence() {
    return true;
  }
}
