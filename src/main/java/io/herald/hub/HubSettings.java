package io.herald.hub;

import java.time.Duration;

/**
 * Limits the hub works within. Immutable.
 *
 * @param historyMaxCount most messages retained per topic
 * @param historyMaxAge oldest message retained
 * @param queueMaxMessages most items queued for one subscriber before it is dropped
 * @param queueMaxBytes most bytes queued for one subscriber before it is dropped
 */
public record HubSettings(
    int historyMaxCount, Duration historyMaxAge, int queueMaxMessages, long queueMaxBytes) {

  /** The defaults documented in {@code docs/protocol.md}. */
  public static HubSettings defaults() {
    return new HubSettings(1000, Duration.ofHours(1), 10_000, 4L << 20);
  }
}
