package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.Prometheus;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The metrics endpoint after a known scenario, and the connection lifecycle it reflects. */
class MetricsIT extends ContainerTest {

  @Test
  void metricsCountTheScenarioExactly() throws Exception {
    Prometheus before = Prometheus.scrape(http);
    double ws0 = before.value("herald_connections_open", "transport=websocket");
    double sse0 = before.value("herald_connections_open", "transport=sse");
    double lp0 = before.value("herald_connections_open", "transport=long-poll");
    double subs0 = before.value("herald_subscribers");
    double published0 = before.value("herald_messages_published_total");
    double delivered0 = before.value("herald_messages_delivered_total");
    double latency0 = before.value("herald_delivery_latency_seconds_count");

    try (OpsScenario s = OpsScenario.run(this, http, prefix, (int) lp0)) {
      Prometheus after = Prometheus.scrape(http);
      assertEquals(ws0 + 3, after.value("herald_connections_open", "transport=websocket"));
      assertEquals(sse0 + 2, after.value("herald_connections_open", "transport=sse"));
      assertEquals(lp0 + 1, after.value("herald_connections_open", "transport=long-poll"));
      assertEquals(subs0 + 6, after.value("herald_subscribers"));
      assertEquals(published0 + 10, after.value("herald_messages_published_total"));
      assertEquals(delivered0 + 50, after.value("herald_messages_delivered_total"));
      double batches = after.value("herald_delivery_latency_seconds_count") - latency0;
      assertTrue(batches >= 5 && batches <= 50, "one latency sample per delivered batch");
      assertTrue(after.has("herald_delivery_latency_seconds"), "the latency quantiles");

      // Per-topic gauges are refreshed every 2 s, for the 10 topics with most subscribers among
      // those herald.metrics.topic-labels names (t*/a in the test deployment; b is never named).
      Admin.await(
          Duration.ofSeconds(6),
          "the topic gauge for " + s.a,
          () -> Prometheus.scrape(http).value("herald_topic_subscribers", "topic=" + s.a) == 5);
      assertTrue(Prometheus.scrape(http).count("herald_topic_subscribers") <= 10, "bounded");
      JsonObject b =
          new Admin(http)
              .get("overview").json().getJsonArray("topics").getValuesAs(JsonObject.class).stream()
                  .filter(t -> t.getString("topic").equals(s.b))
                  .findFirst()
                  .orElseThrow();
      assertEquals(1, b.getInt("subscribers"));

      s.sockets.forEach(WsClient::close);
      Admin.await(
          Duration.ofSeconds(10),
          "the server to see the WebSockets close",
          () ->
              Prometheus.scrape(http).value("herald_connections_open", "transport=websocket")
                  == ws0);
    }
  }

  @Test
  void metricsNameOnlyOptedInTopicsAndNeverInternalOnes() throws Exception {
    String named = prefix + "a";
    String secret = prefix + "payroll-2026";
    String ticket = new Admin(http).post("ticket", "").json().getString("ticket");
    try (WsClient ws = WsClient.open(http.uri("api/ws"), Tokens.full(), null);
        WsClient feed =
            WsClient.open(URI.create(http.uri("api/ws") + "?ticket=" + ticket), null, null)) {
      ws.subscribe(null, named, secret);
      feed.subscribe(null, "herald-internal/admin");
      // Once the opted-in topic shows, the gauges have been refreshed with all three subscribed.
      Admin.await(
          Duration.ofSeconds(6),
          "the topic gauge for " + named,
          () -> Prometheus.scrape(http).value("herald_topic_subscribers", "topic=" + named) == 1);
      String text = http.as(null).get("metrics").body();
      assertTrue(text.contains(named), "the opted-in topic is named");
      assertFalse(text.contains(secret), "a topic not opted in is not named");
      assertFalse(text.contains("herald-internal"), "internal topics are never named");
    }
  }

  @Test
  void closingAConnectionFromTheAdminApiEndsItAndCountsTheReason() throws Exception {
    Prometheus before = Prometheus.scrape(http);
    double lp0 = before.value("herald_connections_open", "transport=long-poll");
    double operator0 =
        before.value("herald_disconnects_total", "transport=long-poll", "reason=operator");
    String t = prefix + "p";
    var poll =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> http.get("api/poll?topic=" + t + "&timeout=60"));
    Admin.await(
        Duration.ofSeconds(10),
        "the long poll to park",
        () ->
            Prometheus.scrape(http).value("herald_connections_open", "transport=long-poll")
                == lp0 + 1);
    Admin admin = new Admin(http);
    JsonObject overview = admin.get("overview").json();
    long id =
        overview.getJsonArray("open").getValuesAs(JsonObject.class).stream()
            .filter(c -> c.getString("transport").equals("long-poll"))
            .mapToLong(c -> c.getJsonNumber("id").longValue())
            .max()
            .orElseThrow();
    assertEquals(204, admin.post("connections/" + id + "/close", "").status());

    Http.Answer answered = poll.get(10, TimeUnit.SECONDS);
    assertEquals(200, answered.status());
    assertEquals(List.of(), Http.ids(answered.json()));
    Prometheus after = Prometheus.scrape(http);
    assertEquals(lp0, after.value("herald_connections_open", "transport=long-poll"));
    assertEquals(
        operator0 + 1,
        after.value("herald_disconnects_total", "transport=long-poll", "reason=operator"));

    Http.Answer again = admin.post("connections/" + id + "/close", "");
    assertEquals(404, again.status());
    assertEquals("no-connection", again.json().getString("code"));
  }

  @Test
  void errorsAreCountedByKind() {
    double before = Prometheus.scrape(http).value("herald_errors_total", "kind=bad-topic");
    Http.Answer a = http.get("api/poll?topic=bad%20topic");
    assertEquals(400, a.status());
    Http.Answer b = http.get("api/messages?topic=also%20bad");
    assertEquals(400, b.status());
    assertEquals(
        before + 2, Prometheus.scrape(http).value("herald_errors_total", "kind=bad-topic"));

    JsonObject last =
        new Admin(http).get("overview").json().getJsonArray("errors").getJsonObject(0);
    assertEquals("bad-topic", last.getString("kind"));
    assertEquals(400, last.getInt("status"));
    assertEquals("GET /api/messages", last.getString("where"));
  }

  @Test
  void aResumeFromAForeignCursorCountsAGap() {
    double before = Prometheus.scrape(http).value("herald_gaps_served_total");
    String t = prefix + "g";
    http.publish(t, "1");
    JsonObject body = http.get("api/messages?topic=" + t + "&since=deadbeef-1").json();
    assertEquals(
        List.of(t),
        body.getJsonArray("gap").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    assertEquals(before + 1, Prometheus.scrape(http).value("herald_gaps_served_total"));
  }
}
