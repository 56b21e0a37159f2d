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
 * @param replayPageMessages most replayed messages queued for one subscriber at a time (a resume
 *     pages through history). Default {@code 100}.
 * @param replayPageBytes most replayed bytes queued for one subscriber at a time (at least one
 *     message). Default {@code 262144} (256 KiB).
 */
public record HubSettings(
    int historyMaxCount,
    Duration historyMaxAge,
    int queueMaxMessages,
    long queueMaxBytes,
    int replayPageMessages,
    long replayPageBytes) {}
