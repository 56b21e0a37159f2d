package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void disconnectReasonsHaveDashedLabels() {
    assertEquals("client-closed", DisconnectReason.CLIENT_CLOSED.label());
    assertEquals("operator", DisconnectReason.OPERATOR.label());
  }
}
