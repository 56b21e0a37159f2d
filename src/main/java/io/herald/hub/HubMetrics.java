package io.herald.hub;

/**
 * The hub's metrics hook: what the hub reports about its own work. The hub calls it on hot paths
 * (publish, fan-out, delivery), so implementations must be cheap, non-blocking and allocation-free:
 * add to counters, nothing more.
 *
 * <p>Implementations must be thread-safe; the hub calls them from publisher threads and the
 * delivery pool. Set with {@link Hub#metrics(HubMetrics)} (by the operations package's metrics);
 * the default, {@link #NONE}, does nothing.
 */
public interface HubMetrics {
  /** Does nothing. */
  HubMetrics NONE = new HubMetrics() {};

  /** {@code count} messages were stored. */
  default void published(int count) {}

  /**
   * A batch with {@code count} messages was handed to a transport.
   *
   * @param oldestLiveAgeMillis age (now minus stored time) of the oldest live message in the batch,
   *     or {@code -1} if the batch held only replayed history and signals
   */
  default void delivered(int count, long oldestLiveAgeMillis) {}

  /** A subscriber's queue overflowed and it was dropped. */
  default void overflowed() {}

  /** A resume or poll was told that messages it asked for are gone (a gap). */
  default void gapServed() {}
}
