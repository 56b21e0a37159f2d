package io.herald.ops;

import io.herald.security.TopicPattern;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the topics with the most subscribers, most first, ties broken by name so the choice is
 * stable between refreshes.
 *
 * <p>Stateless.
 */
final class TopTopics {
  private TopTopics() {}

  /**
   * The counts of the topics {@code /metrics} may name: those matching one of {@code allowed}
   * ({@code herald.metrics.topic-labels}); internal topics never match ({@link TopicPattern}).
   */
  static Map<String, Integer> nameable(Map<String, Integer> counts, List<TopicPattern> allowed) {
    Map<String, Integer> shown = new HashMap<>();
    counts.forEach(
        (topic, n) -> {
          if (allowed.stream().anyMatch(p -> p.matches(topic, null))) {
            shown.put(topic, n);
          }
        });
    return shown;
  }

  static Map<String, Integer> of(Map<String, Integer> counts, int limit) {
    Map<String, Integer> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Comparator.comparing(Map.Entry<String, Integer>::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(Math.max(0, limit))
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
