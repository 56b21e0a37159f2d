package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseIT extends ContainerTest {

  static JsonObject json(String data) {
    return Json.createReader(new StringReader(data)).readObject();
  }

  @Test
  void aStreamOpensWithItsCursorThenCarriesEachMessageAsOneEvent() throws Exception {
    String t = prefix + "a";
    try (SseClient sse = sse("topic=" + t)) {
      assertEquals(200, sse.status());
      assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());
      SseClient.Event open = sse.next();
      assertEquals("subscribed", open.event());
      assertEquals(Long.valueOf(2000), open.retry());
      assertEquals(open.id(), json(open.data()).getString("cursor"));
      assertEquals(25_000, json(open.data()).getInt("heartbeat"), "the default heartbeat interval");
      assertEquals(
          List.of(t),
          json(open.data()).getJsonArray("topics").getValuesAs(jakarta.json.JsonString::getString));

      String id =
          http.post(
                  "api/publish", "{\"topic\":\"" + t + "\",\"event\":\"price\",\"data\":{\"p\":2}}")
              .json()
              .getString("id");
      SseClient.Event e = sse.next();
      assertEquals(id, e.id());
      assertEquals("price", e.event());
      JsonObject m = json(e.data());
      assertEquals(id, m.getString("id"));
      assertEquals(t, m.getString("topic"));
      assertEquals("price", m.getString("event"));
      assertEquals(2, m.getJsonObject("data").getInt("p"));
      assertNull(sse.poll(300));
    }
  }

  @Test
  void manyTopicsOnOneStreamArriveInPublishOrder() {
    List<String> ids = new ArrayList<>();
    try (SseClient sse = sse("topic=" + prefix + "a&topic=" + prefix + "b")) {
      sse.next();
      for (int i = 0; i < 50; i++) {
        ids.add(http.publish(prefix + (i % 2 == 0 ? "a" : "b"), Integer.toString(i)));
      }
      assertEquals(ids, sse.messages(50).stream().map(SseClient.Event::id).toList());
    }
  }

  @Test
  void reconnectingWithLastEventIdResumesWithoutLossOrDuplicate() throws Exception {
    String t = prefix + "a";
    List<String> ids = new ArrayList<>();
    String last;
    try (SseClient sse = sse("topic=" + t)) {
      sse.next();
      for (int i = 0; i < 6; i++) {
        ids.add(http.publish(t, Integer.toString(i)));
      }
      List<SseClient.Event> first = sse.messages(3);
      last = first.get(2).id();
      assertEquals(ids.subList(0, 3), first.stream().map(SseClient.Event::id).toList());
    }
    ids.add(http.publish(t, "6"));
    ids.add(http.publish(t, "7"));
    try (SseClient again = sse("topic=" + t + "&since=earliest", last)) {
      SseClient.Event open = again.next();
      assertEquals("subscribed", open.event());
      assertEquals(last, open.id(), "the stream stands at the resumed cursor");
      assertEquals(ids.subList(3, 8), again.messages(5).stream().map(SseClient.Event::id).toList());
      assertNull(again.poll(300));
    }
  }

  @Test
  void sinceParameterResumesWhenThereIsNoHeader() {
    String t = prefix + "a";
    String a = http.publish(t, "1");
    String b = http.publish(t, "2");
    try (SseClient sse = sse("topic=" + t + "&since=earliest")) {
      sse.next();
      assertEquals(List.of(a, b), sse.messages(2).stream().map(SseClient.Event::id).toList());
    }
  }

  @Test
  void aForeignCursorGetsAGapEvent() throws Exception {
    String t = prefix + "a";
    String a = http.publish(t, "1");
    try (SseClient sse = sse("topic=" + t + "&topic=" + prefix + "b", "elsewhere-42")) {
      assertEquals("subscribed", sse.next().event());
      SseClient.Event gap = sse.next();
      assertEquals("gap", gap.event());
      assertEquals(
          List.of(t, prefix + "b"),
          json(gap.data()).getJsonArray("topics").getValuesAs(jakarta.json.JsonString::getString));
      assertEquals(a, sse.next().id());
    }
  }

  @Test
  void badRequestsAreProblemsNotStreams() {
    assertProblem(http.get("api/sse"), 400, "bad-topic");
    assertProblem(http.get("api/sse?topic=a%20b"), 400, "bad-topic");
    assertProblem(http.get("api/sse?topic=" + prefix + "a&since=bad"), 400, "bad-cursor");
  }

  @Test
  void anEventSourceIsToldToStopWith204WhereReconnectingCannotSucceed() throws Exception {
    String t = prefix + "a";
    String[][] cases = {
      {"topic=a%20b", "bad-topic"},
      {"topic=" + t + "&since=bad", "bad-cursor"},
      {"topic=herald-internal/x", "forbidden"},
    };
    for (String[] c : cases) {
      try (SseClient refused = sse(c[0])) {
        assertEquals(204, refused.status(), c[0]);
        assertEquals(c[1], refused.header("Herald-Error"), c[0]);
      }
      // Any other Accept (here: also problem+json) keeps the problem.
      Http.Answer problem =
          http.send(
              java.net.http.HttpRequest.newBuilder(base().resolve("api/sse?" + c[0]))
                  .header("Accept", "text/event-stream, application/problem+json")
                  .GET());
      assertEquals(c[1], problem.json().getString("code"), c[0]);
    }
    SseClient anonymous = SseClient.open(base().resolve("api/sse?topic=" + t), null, "not.a.jwt");
    try (anonymous) {
      assertEquals(204, anonymous.status());
      assertEquals("invalid-token", anonymous.header("Herald-Error"));
    }
    // Nothing lost for a client on the same topic.
    try (SseClient ok = sse("topic=" + t)) {
      assertEquals("subscribed", ok.next().event());
      String id = http.publish(t, "1");
      assertEquals(id, ok.messages(1).get(0).id());
    }
  }

  /**
   * Payara tells the application nothing when an SSE client closes its socket; the liveness comment
   * ({@code herald.sse.liveness-interval}, 5 s) finds it out, where the heartbeat (25 s here) took
   * up to two heartbeats.
   */
  @Test
  void aClientThatLeavesIsNoticedWithinTheLivenessIntervalsNotTheHeartbeats() throws Exception {
    String t = prefix + "gone";
    String held = "{\"topic\":\"" + t + "\",\"subscribers\":1}";
    Admin admin = new Admin(http);
    // Closing the stream's body makes the JDK client drop the TCP connection without a word.
    try (SseClient sse = sse("topic=" + t)) {
      assertEquals("subscribed", sse.next().event());
      assertTrue(admin.get("overview").body().contains(held), "the stream holds its topic");
    }
    long left = System.nanoTime();
    Admin.await(
        java.time.Duration.ofSeconds(20),
        "the server to notice the client left",
        () -> !admin.get("overview").body().contains(held));
    long millis = (System.nanoTime() - left) / 1_000_000;
    assertTrue(millis < 20_000, "noticed after " + millis + " ms");
  }
}
