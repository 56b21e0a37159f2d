package io.herald.ops;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the topics with the most subscribers, most first, ties broken by name so the choice is
 * stable between refreshes.
 *
 * <p>Stateless.
 */
final class TopTopics {
  private TopTopics() {}

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
