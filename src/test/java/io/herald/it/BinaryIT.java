package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testkit.SseClient;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Binary data end to end: a WebSocket binary frame (JSON header, newline, bytes) is published as
 * {@code {"$base64":…}} and reaches WebSocket and SSE subscribers declared as such; HTTP publishes
 * it the same way; malformed binary input is refused and nothing else is lost. Loopback.
 */
class BinaryIT extends ContainerTest {

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
    try (WsClient ws = ws()) {
      ws.subscribe(null, t);
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
    }
  }
}
