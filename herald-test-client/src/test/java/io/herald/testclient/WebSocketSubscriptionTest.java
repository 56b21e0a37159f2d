package io.herald.testclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketSubscriptionTest {
  @Test
  void recordsMessageFramesAndTakesTheCursorOfSubscribed() {
    WebSocketSubscription ws = new WebSocketSubscription();
    ws.onFrame(Json.object("{\"type\":\"subscribed\",\"topics\":[\"t\"],\"cursor\":\"c-7\"}"));
    assertEquals("c-7", ws.cursor());
    ws.onFrame(Json.object("{\"type\":\"pong\"}"));
    ws.onFrame(
        Json.object(
            "{\"type\":\"message\",\"id\":\"c-8\",\"topic\":\"t\",\"event\":\"e\",\"data\":{\"n\":1},"
                + "\"time\":\"2026-11-26T00:00:00Z\"}"));

    List<Message> got = ws.awaitIds("t", List.of("c-8"), Duration.ofSeconds(1));

    assertEquals("e", got.get(0).event());
    assertEquals("c-8", ws.cursor());
    assertNull(ws.failure());
  }

  @Test
  void anErrorFrameEndsAnAwaitAtOnceWithTheFrame() {
    WebSocketSubscription ws = new WebSocketSubscription();
    ws.onFrame(Json.object("{\"type\":\"error\",\"code\":\"forbidden\",\"message\":\"no\"}"));

    AssertionError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> ws.awaitExactly("t", 1, Duration.ofMinutes(1)));

    assertEquals(
        "websocket: expected 1 message(s) on topic t within PT1M but got 0: [] (connection ended:"
            + " error frame: {\"type\":\"error\",\"code\":\"forbidden\",\"message\":\"no\"})",
        e.getMessage());
  }
}
