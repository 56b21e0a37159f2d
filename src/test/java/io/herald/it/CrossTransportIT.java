package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testclient.HeraldClient;
import io.herald.testclient.Message;
import io.herald.testclient.Subscription;
import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossTransportIT extends ContainerTest {

  @Test
  void aCursorTakenOnWebSocketResumesOnEveryOtherTransport() {
    String t = prefix + "a";
    String u = prefix + "b";
    List<String> ids = new ArrayList<>();
    String cursor;
    try (WsClient ws = ws()) {
      ws.subscribe(null, t, u);
      ids.add(http.publish(t, "0"));
      cursor = ws.next().getString("id");
    }
    ids.add(http.publish(u, "1"));
    ids.add(http.publish(t, "2"));
    List<String> after = ids.subList(1, 3);
    String q = "topic=" + t + "&topic=" + u + "&since=" + cursor;

    assertEquals(after, Http.ids(http.get("api/messages?" + q).json()), "short poll");
    assertEquals(after, Http.ids(http.get("api/poll?" + q + "&timeout=5").json()), "long poll");
    try (SseClient sse = sse("topic=" + t + "&topic=" + u, cursor)) {
      assertEquals(after, sse.messages(2).stream().map(SseClient.Event::id).toList(), "SSE");
    }
    JsonObject shortPoll = http.get("api/messages?" + q).json();
    try (WsClient ws = ws()) {
      ws.subscribe(cursor, t, u);
      assertEquals(
          after, ws.messages(2).stream().map(m -> m.getString("id")).toList(), "WebSocket");
    }
    // And a cursor from a poll resumes on SSE with nothing repeated.
    String next = http.publish(t, "3");
    try (SseClient sse = sse("topic=" + t + "&topic=" + u, shortPoll.getString("cursor"))) {
      assertEquals(List.of(next), sse.messages(1).stream().map(SseClient.Event::id).toList());
    }
  }

  @Test
  void aCdiBeanPublishesAndAllFourTransportsReceiveIt() {
    String t = prefix + "bean";
    HeraldClient herald = http.client();
    try (Subscription ws = herald.webSocket(null, t);
        Subscription sse = herald.sse(null, t);
        Subscription longPoll = herald.longPolling(null, Duration.ofSeconds(5), t);
        Subscription shortPoll = herald.shortPolling(null, Duration.ofMillis(200), t)) {

      Http.Answer viaApi = http.post("api/test/publish?via=api&topic=" + t + "&text=one", "");
      assertEquals(200, viaApi.status(), viaApi.body());
      String id = viaApi.json().getString("id");
      assertEquals(
          204, http.post("api/test/publish?via=event&topic=" + t + "&text=two", "").status());

      List<Message> got = ws.awaitExactly(t, 2, Duration.ofSeconds(10));
      assertEquals(id, got.get(0).id());
      assertEquals("bean", got.get(0).event());
      assertEquals("one", got.get(0).data().asJsonObject().getString("text"));
      assertEquals("event", got.get(1).data().asJsonObject().getString("via"));
      List<String> ids = got.stream().map(Message::id).toList();
      assertEquals("bean", sse.awaitIds(t, ids, Duration.ofSeconds(10)).get(0).event());
      longPoll.awaitIds(t, ids, Duration.ofSeconds(10));
      shortPoll.awaitIds(t, ids, Duration.ofSeconds(10));
    }
  }

  @Test
  void theTestClientResumesOverTicketsOnWebSocketAndSse() {
    String t = prefix + "tickets";
    HeraldClient herald = http.client().withTickets();
    String first = http.publish(t, "1");
    String second = http.publish(t, "2");
    try (Subscription ws = herald.webSocket(first, t);
        Subscription sse = herald.sse(first, t)) {
      String third = http.publish(t, "3");

      ws.awaitIds(t, List.of(second, third), Duration.ofSeconds(10));
      sse.awaitIds(t, List.of(second, third), Duration.ofSeconds(10));
      assertEquals(third, ws.cursor());
    }
  }
}
