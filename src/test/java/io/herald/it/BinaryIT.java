package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.testkit.SseClient;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Binary data end to end: a WebSocket binary frame (JSON header, newline, bytes) is published as
 * {@code {"$base64":…}} and reaches WebSocket and SSE subscribers declared as such; HTTP publishes
 * it the same way; a WebSocket that negotiated {@code herald.v1} gets it as a binary frame (the
 * message frame's header without data, newline, bytes), live and on resume, while the others keep
 * the envelope; malformed binary input is refused and nothing else is lost. Loopback.
 */
class BinaryIT extends ContainerTest {

  /** The binary frame's header for the message {@code text} (its text frame, as another got it). */
  private static String header(JsonObject text) {
    return "{\"type\":\"message\",\"id\":\""
        + text.getString("id")
        + "\",\"topic\":\""
        + text.getString("topic")
        + "\",\"event\":\"message\",\"time\":\""
        + text.getString("time")
        + "\"}";
  }

  private static byte[] bytesOf(JsonObject binaryFrame) {
    assertEquals(WsClient.BINARY_FRAME, binaryFrame.getString("type"), binaryFrame.toString());
    return Base64.getDecoder().decode(binaryFrame.getString("bytes"));
  }

  private WsClient v1() {
    WsClient c = WsClient.openV1(base().resolve("api/ws"));
    assertEquals("herald.v1", c.subprotocol());
    return c;
  }

  @Test
  void aHeraldV1ClientGetsBinaryFramesAndTheOthersTheEnvelope() throws Exception {
    String t = prefix + "a";
    byte[] sent = {0, 1, 2, (byte) 0xff, '\n', 10, (byte) 0x80};
    byte[] posted = {'\n', 42};
    try (WsClient v1 = v1();
        WsClient plain = ws();
        SseClient sse = sse("topic=" + t)) {
      assertEquals("subscribed", sse.next().event());
      v1.subscribe(null, t);
      plain.subscribe(null, t);
      v1.sendBinary(frame("{\"type\":\"publish\",\"topic\":\"" + t + "\",\"ref\":5}", sent));
      // Its own message and the ack, in either order.
      List<JsonObject> own = List.of(v1.next(), v1.next());
      JsonObject first =
          own.stream().filter(f -> !"ack".equals(f.getString("type"))).findFirst().orElseThrow();
      String ackId =
          own.stream()
              .filter(f -> "ack".equals(f.getString("type")))
              .findFirst()
              .orElseThrow()
              .getString("id");
      String postedId =
          http.post(
                  "api/publish",
                  "{\"topic\":\""
                      + t
                      + "\",\"data\":{\"$base64\":\""
                      + Base64.getEncoder().encodeToString(posted)
                      + "\"}}")
              .json()
              .getString("id");
      List<JsonObject> texts = plain.messages(2);
      assertEquals(List.of(ackId, postedId), List.of(id(texts.get(0)), id(texts.get(1))));
      // v1: exactly two binary frames, in order, with the text frames' header and the raw bytes.
      JsonObject second = v1.next();
      assertEquals(header(texts.get(0)), first.getString("header"));
      assertArrayEquals(sent, bytesOf(first));
      assertEquals(header(texts.get(1)), second.getString("header"));
      assertArrayEquals(posted, bytesOf(second));
      assertNull(v1.poll(300));
      // The others: the declared envelope, the same message.
      assertArrayEquals(
          sent,
          Base64.getDecoder().decode(texts.get(0).getJsonObject("data").getString("$base64")));
      List<JsonObject> viaSse = sse.messages(2).stream().map(e -> SseIT.json(e.data())).toList();
      assertEquals(texts.get(0).getJsonObject("data"), viaSse.get(0).getJsonObject("data"));
      assertEquals(texts.get(1).getJsonObject("data"), viaSse.get(1).getJsonObject("data"));
    }
  }

  @Test
  void resumingAHeraldV1ClientReplaysBinaryFramesOnceInOrderAndHistoryStaysJson() throws Exception {
    String t = prefix + "a";
    String cursor = http.publish(t, "{\"$base64\":\"AA==\"}");
    String[] ids = {
      http.publish(t, "{\"$base64\":\"AQ==\"}"),
      http.publish(t, "{\"n\":2}"),
      http.publish(t, "{\"$base64\":\"Ag==\"}")
    };
    try (WsClient v1 = v1()) {
      v1.subscribe(cursor, t);
      JsonObject a = v1.next();
      JsonObject b = v1.next();
      JsonObject c = v1.next();
      assertEquals(ids[0], parsedHeader(a).getString("id"));
      assertArrayEquals(new byte[] {1}, bytesOf(a));
      assertEquals("message", b.getString("type"));
      assertEquals(ids[1], b.getString("id"));
      assertEquals(ids[2], parsedHeader(c).getString("id"));
      assertArrayEquals(new byte[] {2}, bytesOf(c));
      String live = http.publish(t, "{\"$base64\":\"Aw==\"}");
      JsonObject d = v1.next();
      assertEquals(live, parsedHeader(d).getString("id"));
      assertArrayEquals(new byte[] {3}, bytesOf(d));
      assertNull(v1.poll(300));
      // A history answer is one JSON text frame: binary data stays declared in it.
      v1.send(
          "{\"type\":\"history\",\"topics\":[\""
              + t
              + "\"],\"since\":\""
              + cursor
              + "\",\"ref\":1}");
      JsonObject history = v1.next("history");
      assertEquals(
          "AQ==",
          history
              .getJsonArray("messages")
              .getJsonObject(0)
              .getJsonObject("data")
              .getString("$base64"));
    }
  }

  private static String id(JsonObject message) {
    return message.getString("id");
  }

  private static JsonObject parsedHeader(JsonObject binaryFrame) {
    try (var r =
        jakarta.json.Json.createReader(new java.io.StringReader(binaryFrame.getString("header")))) {
      return r.readObject();
    }
  }

  private static byte[] frame(String header, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  @Test
  void aBinaryFrameReachesEveryTransportAsDeclaredBase64() throws Exception {
    String t = prefix + "a";
    byte[] bytes = {0, 1, 2, (byte) 0xff, '\n', 10};
    try (WsClient ws = ws();
        SseClient sse = sse("topic=" + t)) {
      assertEquals("subscribed", sse.next().event());
      ws.subscribe(null, t);
      ws.sendBinary(frame("{\"type\":\"publish\",\"topic\":\"" + t + "\",\"ref\":5}", bytes));
      JsonObject m = ws.next("message");
      JsonObject ack = ws.next("ack");
      assertEquals(5, ack.getInt("ref"));
      assertEquals(ack.getString("id"), m.getString("id"));
      assertArrayEquals(
          bytes, Base64.getDecoder().decode(m.getJsonObject("data").getString("$base64")));
      JsonObject viaSse = SseIT.json(sse.messages(1).get(0).data());
      assertEquals(m.getJsonObject("data"), viaSse.getJsonObject("data"));
      String polled =
          http.get("api/messages?topic=" + t + "&since=earliest")
              .json()
              .getJsonArray("messages")
              .getJsonObject(0)
              .getJsonObject("data")
              .getString("$base64");
      assertArrayEquals(bytes, Base64.getDecoder().decode(polled));
    }
  }

  @Test
  void malformedBinaryInputIsRefusedAndTheConnectionCarriesOn() throws Exception {
    String t = prefix + "a";
    assertProblem(
        http.post("api/publish", "{\"topic\":\"" + t + "\",\"data\":{\"$base64\":\"no good!\"}}"),
        400,
        "bad-binary");
    try (WsClient ws = ws();
        WsClient v1 = v1()) {
      ws.subscribe(null, t);
      v1.subscribe(null, t);
      v1.sendBinary(new byte[] {1, 2, 3});
      assertEquals("bad-binary", v1.next().getString("code"));
      ws.sendBinary(new byte[] {1, 2, 3});
      assertEquals("bad-binary", ws.next().getString("code"));
      ws.sendBinary(frame("{\"type\":\"subscribe\",\"topics\":[\"x\"]}", new byte[] {1}));
      assertEquals("bad-binary", ws.next().getString("code"));
      ws.sendBinary(frame("{nope", new byte[] {1}));
      assertEquals("bad-json", ws.next().getString("code"));
      ws.sendBinary(frame("{\"type\":\"publish\",\"topic\":\"a b\",\"ref\":1}", new byte[] {1}));
      JsonObject badTopic = ws.next();
      assertEquals("bad-topic", badTopic.getString("code"));
      assertEquals(1, badTopic.getInt("ref"));
      String id = http.publish(t, "1");
      assertEquals(id, ws.next("message").getString("id"));
      assertEquals(id, v1.next("message").getString("id"));
    }
  }
}
