package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.config.Settings;
import io.herald.security.TopicPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopTopicsTest {

  @Test
  void topTopicsAreTheMostSubscribedWithStableTies() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("c", 1);
    counts.put("b", 5);
    counts.put("a", 5);
    counts.put("d", 2);
    assertEquals(List.of("a", "b", "d"), List.copyOf(TopTopics.of(counts, 3).keySet()));
    assertEquals(Map.of(), TopTopics.of(counts, 0));
    assertEquals(4, TopTopics.of(counts, 10).size());
  }

  @Test
  void metricsNameNoTopicByDefault() {
    Map<String, Integer> counts =
        Map.of("private/payroll-2026", 3, "user/alice/x", 1, "herald-internal/admin", 1);
    assertEquals(Map.of(), TopTopics.nameable(counts, List.of()));
  }

  @Test
  void metricsNameOnlyOptedInTopicsAndNeverInternalOnes() {
    Map<String, Integer> counts =
        Map.of(
            "demo/chat", 4,
            "demo/prices", 2,
            "private/payroll-2026", 3,
            "user/alice/x", 1,
            "herald-internal/admin", 1);
    assertEquals(
        Map.of("demo/chat", 4, "demo/prices", 2),
        TopTopics.nameable(counts, List.of(TopicPattern.of("demo/*"))));
    assertEquals(
        Map.of("demo/chat", 4, "demo/prices", 2, "private/payroll-2026", 3, "user/alice/x", 1),
        TopTopics.nameable(counts, List.of(TopicPattern.of("**"))));
    assertEquals(
        Map.of(),
        TopTopics.nameable(counts, List.of(TopicPattern.of("user/{sub}/**"))),
        "{sub} never matches without a subject");
  }

  @Test
  void theTopicLabelsComeFromSettings() {
    assertEquals(List.of(), Settings.defaults().ops().topicLabels());
    assertEquals(
        "[demo/**, news/*]",
        Settings.of(Map.of("herald.metrics.topic-labels", "demo/**, news/*"))
            .ops()
            .topicLabels()
            .toString());
  }

  @Test
  void disconnectReasonsHaveDashedLabels() {
    assertEquals("client-closed", DisconnectReason.CLIENT_CLOSED.label());
    assertEquals("operator", DisconnectReason.OPERATOR.label());
  }
}
