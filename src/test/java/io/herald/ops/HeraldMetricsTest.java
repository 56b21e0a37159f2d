package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus text Herald serves: the documented names, labels and values, exactly. */
class HeraldMetricsTest {

  @Test
  void theTextCarriesTheDocumentedSeries() throws Exception {
    HeraldMetrics m = new HeraldMetrics();
    m.gauges(t -> t.ordinal() + 1, () -> 7, () -> 2);
    m.top(Map.of("prices", 5));
    m.published(3);
    m.delivered(4, 1500);
    m.delivered(2, -1);
    m.overflowed();
    m.gapServed();
    m.disconnected(TransportKind.SSE, DisconnectReason.CLIENT_CLOSED);
    m.error("bad-topic");
    m.error("bad-topic");

    List<String> lines = text(m);
    for (String expected :
        List.of(
            "herald_connections_open{transport=\"websocket\"} 1.0",
            "herald_connections_open{transport=\"sse\"} 2.0",
            "herald_connections_open{transport=\"long-poll\"} 3.0",
            "herald_subscribers 7.0",
            "herald_topics 2.0",
            "herald_topic_subscribers{topic=\"prices\"} 5.0",
            "herald_messages_published_total 3.0",
            "herald_messages_delivered_total 6.0",
            "herald_delivery_latency_seconds{quantile=\"0.99\"} 1.5",
            "herald_delivery_latency_seconds_count 1",
            "herald_delivery_latency_seconds_sum 1.5",
            "herald_queue_overflows_total 1.0",
            "herald_gaps_served_total 1.0",
            "herald_disconnects_total{reason=\"client-closed\",transport=\"sse\"} 1.0",
            "herald_errors_total{kind=\"bad-topic\"} 2.0",
            "# TYPE herald_messages_published_total counter",
            "# TYPE herald_connections_open gauge",
            "# TYPE herald_delivery_latency_seconds summary")) {
      assertTrue(lines.contains(expected), expected + " in\n" + String.join("\n", lines));
    }
    assertEquals(3, m.publishedTotal());
    assertEquals(6, m.deliveredTotal());
    assertTrue(m.textContentType().startsWith("text/plain; version=0.0.4"));
  }

  @Test
  void topicSeriesFollowTheTopNAndNothingElse() throws Exception {
    HeraldMetrics m = new HeraldMetrics();
    m.gauges(t -> 0, () -> 0, () -> 0);
    m.top(Map.of("a", 2));
    m.top(Map.of("b", 1));
    List<String> topics =
        text(m).stream().filter(l -> l.startsWith("herald_topic_subscribers{")).toList();
    assertEquals(List.of("herald_topic_subscribers{topic=\"b\"} 1.0"), topics);
  }

  private static List<String> text(HeraldMetrics m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeText(out);
    return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
  }
}
