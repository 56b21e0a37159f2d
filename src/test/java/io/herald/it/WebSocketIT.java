package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketIT extends ContainerTest {

  @Test
  void subscribeAnswersWithTheCursorThenMessagesFlow() throws Exception {
    String t = prefix + "a";
    try (WsClient ws = ws()) {
      JsonObject sub = ws.subscribe(null, t);
      assertEquals(List.of(t), sub.getJsonArray("topics").getValuesAs(JsonString::getString));
      assertTrue(PublishIT.CURSOR.matcher(sub.getString("cursor")).matches());
      String id = http.publish(t, "{\"v\":[1,2]}");
      JsonObject m = ws.next();
      assertEquals("message", m.getString("type"));
      assertEquals(id, m.getString("id"));
      assertEquals(t, m.getString("topic"));
      assertEquals("message", m.getString("event"));
      assertEquals(2, m.getJsonObject("data").getJsonArray("v").getInt(1));
      assertTrue(PublishIT.RFC3339_UTC.matcher(m.getString("time")).matches());
      assertNull(ws.poll(300));
    }
  }

  @Test
  void publishIsAcknowledgedWithTheIdAndPingIsAnswered() throws Exception {
    String t = prefix + "a";
    try (WsClient ws = ws()) {
      ws.subscribe(null, t);
      ws.send(
          "{\"type\":\"publish\",\"topic\":\""
              + t
              + "\",\"event\":\"chat\",\"data\":\"hi\",\"ref\":7}");
      JsonObject echo = ws.next();
      JsonObject ack = ws.next();
      assertEquals("message", echo.getString("type"));
      assertEquals("ack", ack.getString("type"));
      assertEquals(7, ack.getInt("ref"));
      assertEquals(echo.getString("id"), ack.getString("id"));
      assertEquals("chat", echo.getString("event"));
      ws.send("{\"type\":\"ping\"}");
      assertEquals("pong", ws.next().getString("type"));
    }
  }

  @Test
  void manyTopicsOnOneConnectionInOrderAndUnsubscribeStops() throws Exception {
    try (WsClient ws = ws()) {
      ws.subscribe(null, prefix + "a", prefix + "b", prefix + "c");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add(http.publish(prefix + "abc".charAt(i % 3), Integer.toString(i)));
      }
      assertEquals(ids, ws.messages(60).stream().map(m -> m.getString("id")).toList());
      ws.send("{\"type\":\"unsubscribe\",\"topics\":[\"" + prefix + "a\",\"" + prefix + "b\"]}");
      ws.send("{\"type\":\"ping\"}");
      assertEquals("pong", ws.next().getString("type"));
      http.publish(prefix + "a", "1");
      String c = http.publish(prefix + "c", "2");
      assertEquals(c, ws.next().getString("id"));
      assertNull(ws.poll(300));
    }
  }

  @Test
  void resumeFromACursorDeliversTheRestExactlyOnce() throws Exception {
    String t = prefix + "a";
    List<String> ids = new ArrayList<>();
    String last;
    try (WsClient ws = ws()) {
      ws.subscribe(null, t);
      for (int i = 0; i < 5; i++) {
        ids.add(http.publish(t, Integer.toString(i)));
      }
      last = ws.messages(2).get(1).getString("id");
      ws.abort();
    }
    ids.add(http.publish(t, "5"));
    try (WsClient ws = ws()) {
      JsonObject sub = ws.subscribe(last, t);
      assertEquals(last, sub.getString("cursor"));
      assertEquals(ids.subList(2, 6), ws.messages(4).stream().map(m -> m.getString("id")).toList());
    }
  }

  @Test
  void aForeignCursorGetsAGapFrame() {
    String t = prefix + "a";
    String id = http.publish(t, "1");
    try (WsClient ws = ws()) {
      ws.subscribe("old-9", t);
      JsonObject gap = ws.next();
      assertEquals("gap", gap.getString("type"));
      assertEquals(List.of(t), gap.getJsonArray("topics").getValuesAs(JsonString::getString));
      assertEquals(id, ws.next().getString("id"));
    }
  }

  @Test
  void badFramesGetErrorFramesAndTheConnectionAndOthersCarryOn() throws Exception {
    String t = prefix + "a";
    try (WsClient bad = ws();
        WsClient good = ws()) {
      good.subscribe(null, t);
      bad.subscribe(null, t);
      String[][] cases = {
        {"{not json", "bad-json", null},
        {"[1,2]", "bad-request", null},
        {"{\"topics\":[]}", "bad-request", null},
        {"{\"type\":\"dance\"}", "bad-type", null},
        {"{\"type\":\"subscribe\"}", "bad-topic", null},
        {"{\"type\":\"subscribe\",\"topics\":[\"a b\"]}", "bad-topic", null},
        {"{\"type\":\"subscribe\",\"topics\":[1]}", "bad-topic", null},
        {
          "{\"type\":\"subscribe\",\"topics\":[\"" + t + "\"],\"since\":\"nope\"}",
          "bad-cursor",
          null
        },
        {"{\"type\":\"publish\",\"topic\":\"" + t + "\",\"ref\":\"r1\"}", "missing-data", "r1"},
        {
          "{\"type\":\"publish\",\"topic\":\"" + t + "\",\"event\":\"gap\",\"data\":1,\"ref\":2}",
          "bad-event",
          "2"
        },
        {
          "{\"type\":\"publish\",\"topic\":\"guarded/x\",\"data\":\"forbidden\",\"ref\":\"r3\"}",
          "rejected",
          "r3"
        },
        {
          "{\"type\":\"publish\",\"topic\":\"" + t + "\",\"data\":1,\"ref\":{\"o\":1}}",
          "bad-request",
          null
        },
      };
      for (String[] c : cases) {
        bad.send(c[0]);
        JsonObject error = bad.next();
        assertEquals("error", error.getString("type"), c[0]);
        assertEquals(c[1], error.getString("code"), c[0]);
        assertTrue(!error.getString("message").isEmpty());
        if (c[2] != null) {
          assertEquals(c[2], error.get("ref").toString().replace("\"", ""), c[0]);
        }
      }
      String id = http.publish(t, "\"still fine\"");
      assertEquals(id, bad.next().getString("id"));
      assertEquals(id, good.next().getString("id"));
      assertNull(good.poll(200), "the good client saw nothing else");
    }
  }

  @Test
  void herald1IsNegotiatedWhenOfferedAndNoOfferKeepsTheSameProtocol() throws Exception {
    String t = prefix + "a";
    try (WsClient v1 =
            WsClient.open(base().resolve("api/ws"), Tokens.full(), null, "x.other", "herald.v1");
        WsClient plain = ws()) {
      assertEquals("herald.v1", v1.subprotocol());
      assertEquals("", plain.subprotocol());
      v1.subscribe(null, t);
      plain.subscribe(null, t);
      String id = http.publish(t, "1");
      assertEquals(id, v1.next("message").getString("id"));
      assertEquals(id, plain.next("message").getString("id"));
    }
  }

  @Test
  void onlyUnknownSubprotocolsAreRefusedWithProtocolErrorAndOthersCarryOn() throws Exception {
    String t = prefix + "a";
    try (WsClient other = ws()) {
      other.subscribe(null, t);
      WsClient refused =
          WsClient.open(base().resolve("api/ws"), Tokens.full(), null, "herald.v2", "mqtt");
      assertEquals(1002, refused.awaitClose(5000));
      assertEquals(
          "unsupported-subprotocol: herald.v2, mqtt (this server speaks herald.v1)",
          refused.closeReason());
      refused.close();
      String id = http.publish(t, "1");
      assertEquals(id, other.next("message").getString("id"));
    }
  }
}
