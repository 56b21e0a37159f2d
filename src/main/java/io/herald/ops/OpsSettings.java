package io.herald.ops;

import io.herald.security.TopicPattern;
import java.util.List;
import java.util.Optional;

/**
 * Operations settings, read once at start from {@code herald.admin.*}, {@code herald.metrics.*} and
 * {@code herald.log.*}, {@code herald.health.*}. Immutable.
 *
 * @param adminToken static token for the admin API ({@code X-Herald-Admin-Token}); empty means only
 *     callers in the {@code herald-admin} role are admitted. No default.
 * @param topTopics topics given their own subscriber gauge in {@code /api/metrics}. Default {@code
 *     10}.
 * @param connectionsLogLevel {@code java.util.logging} level name of the connection open/close
 *     lines. Default {@code INFO}.
 * @param errorsLogLevel level name of the error-response lines. Default {@code INFO}.
 * @param topicLabels topics that may appear by name in {@code /metrics} (patterns as in {@code
 *     herald.security.*}; {@code {sub}} never matches); the others are only counted in the totals,
 *     and internal topics never appear ({@code herald.metrics.topic-labels}). Default none.
 * @param maxHeapUsed fraction of the maximum heap still in use after the last garbage collection
 *     above which the server reports not ready ({@code herald.health.max-heap-used}); {@code 1} or
 *     more turns the check off. Default {@code 0.9}.
 */
public record OpsSettings(
    Optional<String> adminToken,
    int topTopics,
    String connectionsLogLevel,
    String errorsLogLevel,
    List<TopicPattern> topicLabels,
    double maxHeapUsed) {

  /** Copies the list. */
  public OpsSettings {
    topicLabels = List.copyOf(topicLabels);
  }
}
