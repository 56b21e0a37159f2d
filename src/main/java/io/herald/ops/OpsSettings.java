package io.herald.ops;

import java.util.Optional;

/**
 * Operations settings, read once at start from {@code herald.admin.*}, {@code herald.metrics.*} and
 * {@code herald.log.*}. Immutable.
 *
 * @param adminToken static token for the admin API ({@code X-Herald-Admin-Token}); empty means only
 *     callers in the {@code herald-admin} role are admitted. No default.
 * @param topTopics topics given their own subscriber gauge in {@code /api/metrics}. Default {@code
 *     10}.
 * @param connectionsLogLevel {@code java.util.logging} level name of the connection open/close
 *     lines. Default {@code INFO}.
 * @param errorsLogLevel level name of the error-response lines. Default {@code INFO}.
 */
public record OpsSettings(
    Optional<String> adminToken,
    int topTopics,
    String connectionsLogLevel,
    String errorsLogLevel) {}
