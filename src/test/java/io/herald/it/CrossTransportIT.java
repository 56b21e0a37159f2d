package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  void aCdiBeanPublishesAndAllFourTransportsReceiveIt() throws Exception {
    String t = prefix + "bean";
    String start = http.get("api/messages?topic=" + t).json().getString("cursor");
    try (WsClient ws = ws();
        SseClient sse = sse("topic=" + t)) {
      ws.subscribe(null, t);
      sse.next();
      CompletableFuture<Http.Answer> longPoll =
          CompletableFuture.supplyAsync(
              () -> http.get("api/poll?topic=" + t + "&since=" + start + "&timeout=30"));
      Thread.sleep(300);

      Http.Answer viaApi = http.post("api/test/publish?via=api&topic=" + t + "&text=one", "");
      assertEquals(200, viaApi.status(), viaApi.body());
      String id = viaApi.json().getString("id");
      assertEquals(
          204, http.post("api/test/publish?via=event&topic=" + t + "&text=two", "").status());

      JsonObject wsFirst = ws.next("message");
      assertEquals(id, wsFirst.getString("id"));
      assertEquals("bean", wsFirst.getString("event"));
      assertEquals("one", wsFirst.getJsonObject("data").getString("text"));
      JsonObject wsSecond = ws.next("message");
      assertEquals("event", wsSecond.getJsonObject("data").getString("via"));

      List<SseClient.Event> events = sse.messages(2);
      assertEquals(
          List.of(id, wsSecond.getString("id")), events.stream().map(SseClient.Event::id).toList());
      assertEquals("bean", events.get(0).event());

      List<String> polled = Http.ids(longPoll.get(10, TimeUnit.SECONDS).json());
      assertEquals(id, polled.get(0));
      assertEquals(
          List.of(id, wsSecond.getString("id")),
          Http.ids(http.get("api/messages?topic=" + t + "&since=" + start).json()));
    }
  }
}
