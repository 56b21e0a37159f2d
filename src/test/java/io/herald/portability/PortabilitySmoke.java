package io.herald.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.Prometheus;
import io.herald.testkit.SseClient;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The portability smoke: what every supported server must do with the unchanged WAR, through
 * portable paths only ({@code /api/...}, never a server's own endpoints). Every transport receives
 * a publish, each resumes from a cursor, a refusal is the documented problem, and health and
 * metrics answer. {@link io.herald.it.PortabilitySmokeIT} runs it on the shared Payara Micro
 * deployment, {@link ServerSmokeIT} on each other server.
 *
 * <p>Implementations give the server's root; each test uses topics of its own, so the smoke can
 * share a server with other tests. JUnit runs each test on one thread; not otherwise thread-safe.
 */
public interface PortabilitySmoke {

  /** The deployment's root, e.g. {@code http://127.0.0.1:PORT/}. */
  URI base();

  /** A client sending {@link Tokens#full()}: may read and publish every (non-internal) topic. */
  private Http client() {
    return new Http(base());
  }

  private static String topic() {
    return "smoke" + UUID.randomUUID().toString().substring(0, 8) + "/a";
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  default void webSocketReceivesAPublishAndResumesFromACursor() {
    Http http = client();
    String t = topic();
    String first;
    try (WsClient ws = WsClient.open(base().resolve("api/ws"))) {
      ws.subscribe(null, t);
      first = http.publish(t, "1");
      JsonObject m = ws.next("message");
      assertEquals(first, m.getString("id"));
      assertEquals(t, m.getString("topic"));
    }
    String second = http.publish(t, "2");
    try (WsClient ws = WsClient.open(base().resolve("api/ws"))) {
      ws.subscribe(first, t);
      assertEquals(second, ws.next("message").getString("id"), "resumed after the cursor");
    }
  }

  @Test
  default void sseReceivesAPublishAndResumesWithLastEventId() {
    Http http = client();
    String t = topic();
    String first;
    try (SseClient sse =
        SseClient.open(base().resolve("api/sse?topic=" + t), null, Tokens.full())) {
      assertEquals(200, sse.status());
      assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());
      assertEquals("subscribed", sse.next().event());
      first = http.publish(t, "1");
      SseClient.Event m = sse.next();
      assertEquals(first, m.id());
      assertEquals(1, json(m.data()).getInt("data"));
    }
    String second = http.publish(t, "2");
    try (SseClient sse =
        SseClient.open(base().resolve("api/sse?topic=" + t), first, Tokens.full())) {
      assertEquals("subscribed", sse.next().event());
      assertEquals(second, sse.next().id(), "resumed after Last-Event-ID");
    }
  }

  @Test
  default void longPollIsAnsweredByAPublish() throws Exception {
    Http http = client();
    String t = topic();
    String cursor = http.get("api/messages?topic=" + t).json().getString("cursor");
    CompletableFuture<Http.Answer> poll =
        CompletableFuture.supplyAsync(
            () -> http.get("api/poll?topic=" + t + "&since=" + cursor + "&timeout=30"));
    Thread.sleep(300);
    String id = http.publish(t, "1");
    Http.Answer a = poll.get(15, TimeUnit.SECONDS);
    assertEquals(200, a.status(), a.body());
    assertEquals(List.of(id), Http.ids(a.json()));
  }

  @Test
  default void shortPollResumesFromACursor() {
    Http http = client();
    String t = topic();
    String a = http.publish(t, "1");
    String b = http.publish(t, "2");
    JsonObject body = http.get("api/messages?topic=" + t + "&since=" + a).json();
    assertEquals(List.of(b), Http.ids(body));
    // The cursor is global (the demo publishers may have published since), so it is checked by use.
    String next = http.get("api/messages?topic=" + t + "&since=" + body.getString("cursor")).body();
    assertEquals(List.of(), Http.ids(Json.createReader(new StringReader(next)).readObject()));
  }

  @Test
  default void anAnonymousPublishToAPrivateTopicIsRefusedWithTheProblem() {
    Http.Answer a =
        client().as(null).post("api/publish", "{\"topic\":\"" + topic() + "\",\"data\":1}");
    assertEquals(401, a.status(), a.body());
    assertEquals("application/problem+json", a.contentType(), a.body());
    assertEquals("unauthenticated", a.json().getString("code"));
    assertTrue(a.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
  }

  @Test
  default void healthAndMetricsAnswerAtTheirPortablePaths() {
    Http http = client();
    Http.Answer ready = http.get("api/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("UP", ready.json().getString("status"));
    assertEquals(200, http.get("api/health/live").status());
    assertEquals(200, http.get("api/health").status());
    double before = Prometheus.scrape(http).value("herald_messages_published_total");
    http.publish(topic(), "1");
    assertTrue(
        Prometheus.scrape(http).value("herald_messages_published_total") >= before + 1,
        "the publish is counted");
  }

  /**
   * A WebSocket the client closes normally is counted {@code client-closed}, never {@code error},
   * whichever way the server reports it ({@code onClose}, or Tomcat's {@code
   * onError(EOFException)}).
   */
  @Test
  default void aNormalWebSocketCloseIsCountedClientClosedNeverError() throws Exception {
    Http http = client();
    Prometheus before = Prometheus.scrape(http);
    String[] closed = {"transport=websocket", "reason=client-closed"};
    String[] error = {"transport=websocket", "reason=error"};
    try (WsClient ws = WsClient.open(base().resolve("api/ws"))) {
      ws.subscribe(null, topic());
    }
    double wanted = before.value("herald_disconnects_total", closed) + 1;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Prometheus.scrape(http).value("herald_disconnects_total", closed) < wanted
        && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    Prometheus after = Prometheus.scrape(http);
    assertTrue(after.value("herald_disconnects_total", closed) >= wanted, "counted client-closed");
    assertEquals(
        before.value("herald_disconnects_total", error),
        after.value("herald_disconnects_total", error),
        "counted as an error");
  }
}
