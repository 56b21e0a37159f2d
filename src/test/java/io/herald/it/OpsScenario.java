package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testkit.Http;
import io.herald.testkit.Prometheus;
import io.herald.testkit.SseClient;
import io.herald.testkit.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The operations scenario: 3 WebSockets and 2 SSE streams on topic {@code a}, 1 long poll parked on
 * topic {@code b}, then 10 messages published to {@code a} and received by all five subscribers.
 */
final class OpsScenario implements AutoCloseable {
  static final int WS = 3;
  static final int SSE = 2;
  static final int LONG_POLL = 1;
  static final int PUBLISHED = 10;

  final String a;
  final String b;
  final List<WsClient> sockets = new ArrayList<>();
  final List<SseClient> streams = new ArrayList<>();
  CompletableFuture<Http.Answer> poll;

  private OpsScenario(String prefix) {
    this.a = prefix + "a";
    this.b = prefix + "b";
  }

  /**
   * Runs the scenario; returns once every subscriber has received the 10 messages, the long poll is
   * parked and {@code connectionsBefore + 1} long polls are open.
   */
  static OpsScenario run(ContainerTest test, Http http, String prefix, int longPollsBefore) {
    OpsScenario s = new OpsScenario(prefix);
    for (int i = 0; i < WS; i++) {
      WsClient ws = test.ws();
      s.sockets.add(ws);
      ws.subscribe(null, s.a);
    }
    for (int i = 0; i < SSE; i++) {
      SseClient sse = test.sse("topic=" + s.a);
      s.streams.add(sse);
      assertEquals("subscribed", sse.next().event());
    }
    s.poll = CompletableFuture.supplyAsync(() -> http.get("api/poll?topic=" + s.b + "&timeout=60"));
    Admin.await(
        Duration.ofSeconds(10),
        "the long poll to park",
        () ->
            Prometheus.scrape(http).value("herald_connections_open", "transport=long-poll")
                == longPollsBefore + 1);
    for (int i = 0; i < PUBLISHED; i++) {
      http.publish(s.a, "{\"n\":" + i + "}");
    }
    for (WsClient ws : s.sockets) {
      assertEquals(PUBLISHED, ws.messages(PUBLISHED).size());
    }
    for (SseClient sse : s.streams) {
      assertEquals(PUBLISHED, sse.messages(PUBLISHED).size());
    }
    return s;
  }

  @Override
  public void close() {
    sockets.forEach(WsClient::close);
    streams.forEach(SseClient::close);
  }
}
