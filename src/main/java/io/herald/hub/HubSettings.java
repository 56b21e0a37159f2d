package io.herald.hub;

import java.time.Duration;

/**
 * Limits the hub works within, read once at start from {@code herald.history.*} and {@code
 * herald.queue.*} (defaults in {@code io.herald.config.Setting}). Immutable.
 *
 * @param historyMaxCount most messages retained per topic (cluster-wide with the Redis store).
 *     Default {@code 1000}.
 * @param historyMaxAge oldest message retained. Default one hour ({@code PT1H}).
 * @param queueMaxMessages most items queued for one subscriber before it is dropped. Default {@code
 *     10000}.
 * @param queueMaxBytes most bytes queued for one subscriber before it is dropped. Default {@code
 *     4194304} (4 MiB).
 */
public record HubSettings(
    int historyMaxCount, Duration historyMaxAge, int queueMaxMessages, long queueMaxBytes) {}
