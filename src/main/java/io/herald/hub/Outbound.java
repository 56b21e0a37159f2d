package io.herald.hub;

/**
 * Something queued for one subscriber: a {@link Message}, a hub signal such as {@link Resumed}, or
 * a transport's own control frame. The hub bounds each subscriber's queue by count and by the sum
 * of {@link #weight()}.
 *
 * <p>Implementations are immutable and shared between subscribers.
 */
public interface Outbound {
  /** Approximate encoded size in bytes, used to bound queues. */
  int weight();
}
