package io.herald.ops;

import java.util.Optional;

/**
 * Operations settings, read once at start from {@code herald.admin.*}, {@code herald.metrics.*} and
 * {@code herald.log.*}, {@code herald.health.*}. Immutable.
 *
 * @param adminToken static token for the admin API ({@code X-Herald-Admin-Token}); empty means only
 *     callers in the {@code herald-admin} role are admitted. No default.
 * @param topTopics topics given their own subscriber gauge in {@code /metrics}. Default {@code 10}.
 * @param connectionsLogLevel {@code java.util.logging} level name of the connection open/close
 *     lines. Default {@code INFO}.
 * @param errorsLogLevel level name of the error-response lines. Default {@code INFO}.
 * @param maxHeapUsed fraction of the maximum heap still in use after the last garbage collection
 *     above which the server reports not ready ({@code herald.health.max-heap-used}); {@code 1} or
 *     more turns the check off. Default {@code 0.9}.
 */
public record OpsSettings(
    Optional<String> adminToken,
    int topTopics,
    String connectionsLogLevel,
    String errorsLogLevel,
    double maxHeapUsed) {}
