package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EE API as applications use it, on the shared deployment with the test beans of {@code
 * io.herald.it.app}: publishes inside a JTA transaction wait for its commit and vanish on rollback,
 * {@code fireAsync} is refused, payloads go through the application's {@code Jsonb}, {@code
 * ClientSubscribing} refuses on every transport, connection events name the transport and caller,
 * and a slow {@code MessagePublished} observer stalls no publisher.
 */
class ApplicationEventsIT extends ContainerTest {

  private List<String> stored(String t) {
    return Http.ids(http.get("api/messages?topic=" + t + "&since=earliest").json());
  }

  @ParameterizedTest
  @ValueSource(strings = {"event", "api"})
  void aCommittedPublishReachesEveryTransportOnceAfterTheCommit(String via) throws Exception {
    String t = prefix + "tx";
    String start = http.get("api/messages?topic=" + t).json().getString("cursor");
    try (WsClient ws = ws();
        SseClient sse = sse("topic=" + t)) {
      ws.subscribe(null, t);
      sse.next();
      CompletableFuture<Http.Answer> longPoll =
          CompletableFuture.supplyAsync(
              () -> http.get("api/poll?topic=" + t + "&since=" + start + "&timeout=30"));
      Thread.sleep(300);

      Http.Answer committed = http.post("api/test/tx/commit?via=" + via + "&topic=" + t, "");
      assertEquals(200, committed.status(), committed.body());
      assertEquals(0, committed.json().getInt("storedBeforeCommit"), "held until the commit");

      List<String> ids = stored(t);
      assertEquals(1, ids.size(), "stored once");
      String id = ids.get(0);
      JsonObject frame = ws.next("message");
      assertEquals(id, frame.getString("id"));
      assertEquals("tx", frame.getString("event"));
      assertEquals("committed", frame.getJsonObject("data").getString("text"));
      assertEquals(id, sse.next().id());
      assertEquals(List.of(id), Http.ids(longPoll.get(30, TimeUnit.SECONDS).json()));

      // Once: the next thing each stream carries is a later message, not a repeat.
      String marker = http.publish(t, "\"marker\"");
      assertEquals(marker, ws.next("message").getString("id"));
      assertEquals(marker, sse.next().id());
      assertEquals(List.of(id, marker), stored(t));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"event", "api"})
  void aRolledBackPublishIsNeitherDeliveredNorStored(String via) {
    String t = prefix + "tx";
    try (WsClient ws = ws();
        SseClient sse = sse("topic=" + t)) {
      ws.subscribe(null, t);
      sse.next();

      Http.Answer failed = http.post("api/test/tx/rollback?via=" + via + "&topic=" + t, "");
      assertEquals(409, failed.status(), failed.body());

      String marker = http.publish(t, "\"marker\"");
      assertEquals(marker, ws.next("message").getString("id"), "nothing before the marker");
      assertEquals(marker, sse.next().id());
      assertEquals(List.of(marker), stored(t));
      assertEquals(List.of(marker), Http.ids(http.get("api/history?topic=" + t).json()), "history");
    }
  }

  @Test
  void payloadsAreMappedWithTheApplicationsJsonb() {
    String t = prefix + "money";

    assertEquals(204, http.post("api/test/tx/money?topic=" + t, "").status());

    JsonObject poll = http.get("api/messages?topic=" + t + "&since=earliest").json();
    assertEquals(
        "12.50 EUR",
        poll.getJsonArray("messages").getJsonObject(0).getString("data"),
        poll.toString());
  }

  @Test
  void fireAsyncIsRefusedLoudlyAndPublishesNothing() {
    String t = prefix + "async";

    Http.Answer a = http.post("api/test/tx/async?topic=" + t, "");

    assertEquals(200, a.status(), a.body());
    assertTrue(
        a.body()
            .startsWith("UnsupportedOperationException: Publish may not be fired asynchronously"),
        a.body());
    assertEquals(List.of(), stored(t));
  }

  @Test
  void clientSubscribingRefusesOnEveryHttpTransportWithTheApplicationsReason() {
    String t = prefix + "vetoed";
    String[][] cases = {
      {"api/messages?topic=" + t, "http, SUBSCRIBE"},
      {"api/poll?topic=" + t + "&timeout=1", "long-poll, SUBSCRIBE"},
      {"api/history?topic=" + t, "http, HISTORY"},
      {"api/sse?topic=" + t, "sse, SUBSCRIBE"},
      {"api/presence?topic=" + t, "http, SUBSCRIBE"},
    };
    for (String[] c : cases) {
      Http.Answer a = http.get(c[0]);
      assertProblem(a, 403, "forbidden");
      String detail = a.json().getString("detail");
      // The reason is the observer's; it names the caller as the server saw it.
      assertTrue(detail.endsWith(" may not watch " + t + " (" + c[1] + ")"), c[0] + ": " + detail);
    }
    assertEquals(200, http.get("api/messages?topic=" + prefix + "allowed").status());
  }

  @Test
  void clientSubscribingRefusesWebSocketSubscribesHistoryAndPresenceWithAnErrorFrame() {
    String t = prefix + "vetoed";
    String alice = Tokens.of("alice", List.of("**"), List.of("**"), Duration.ofHours(1));
    try (WsClient ws = WsClient.open(base().resolve("api/ws"), alice, null)) {
      ws.send("{\"type\":\"subscribe\",\"topics\":[\"" + t + "\"]}");
      JsonObject refused = ws.next("error");
      assertEquals("forbidden", refused.getString("code"));
      assertEquals(
          "alice may not watch " + t + " (websocket, SUBSCRIBE)", refused.getString("message"));

      ws.send("{\"type\":\"history\",\"ref\":\"h1\",\"topics\":[\"" + t + "\"]}");
      JsonObject history = ws.next("error");
      assertEquals("h1", history.getString("ref"));
      assertEquals("forbidden", history.getString("code"));
      assertEquals(
          "alice may not watch " + t + " (websocket, HISTORY)", history.getString("message"));

      ws.send("{\"type\":\"presence\",\"ref\":\"p1\",\"topic\":\"" + t + "\"}");
      JsonObject presence = ws.next("error");
      assertEquals("p1", presence.getString("ref"));
      assertEquals("forbidden", presence.getString("code"));
      assertEquals(
          "alice may not watch " + t + " (websocket, SUBSCRIBE)", presence.getString("message"));

      // The connection carries on: an allowed subscribe still works.
      ws.subscribe(null, prefix + "allowed");
    }
  }

  @Test
  void connectionEventsNameTheTransportAndCallerOffTheIoThread() throws Exception {
    String caller = "conn-" + prefix.substring(0, prefix.length() - 1);
    String token = Tokens.of(caller, List.of("**"), List.of("**"), Duration.ofHours(1));
    try (WsClient ws = WsClient.open(base().resolve("api/ws"), token, null)) {
      ws.subscribe(null, prefix + "a");
    }
    List<String> lines = awaitLines(caller, 2);
    // A long poll that times out: an SSE stream notices a client gone only at its next write.
    Http.Answer poll = new Http(base(), token).get("api/poll?topic=" + prefix + "a&timeout=1");
    assertEquals(200, poll.status(), poll.body());
    lines = awaitLines(caller, 4);

    assertEquals("connected websocket " + caller + " 127.0.0.1 herald-events-1", lines.get(0));
    assertTrue(lines.get(1).startsWith("disconnected websocket " + caller + " "), lines.toString());
    assertTrue(lines.get(1).endsWith(" herald-events-1"), lines.toString());
    assertEquals("connected long-poll " + caller + " 127.0.0.1 herald-events-1", lines.get(2));
    assertTrue(lines.get(3).startsWith("disconnected long-poll " + caller + " "), lines.toString());
  }

  private List<String> awaitLines(String caller, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      String body = http.get("api/test/connections?caller=" + caller).body();
      List<String> lines = body.isEmpty() ? List.of() : List.of(body.split("\n"));
      if (lines.size() >= n || System.nanoTime() > end) {
        assertEquals(n, lines.size(), lines.toString());
        return lines;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aSlowMessagePublishedObserverDoesNotStallOtherPublishers() throws Exception {
    String fast = prefix + "fast";
    try (WsClient ws = ws()) {
      ws.subscribe(null, fast);
      http.publish(prefix + "slow", "1");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!"blocked".equals(http.get("api/test/slow").body())) {
        assertTrue(System.nanoTime() < end, "the slow observer never ran");
        Thread.sleep(50);
      }

      // The observer holds the announcer for up to 20 s; the publish must not wait for it.
      long started = System.nanoTime();
      String id = http.publish(fast, "2");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(id, ws.next("message").getString("id"));
      assertEquals("blocked", http.get("api/test/slow").body(), "still inside the observer");
      assertTrue(tookMillis < 5_000, "a publish waited " + tookMillis + " ms for the observer");
    } finally {
      http.post("api/test/slow", "");
    }
  }
}
