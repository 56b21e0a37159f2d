package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-client limits at their defaults on the shared deployment: message size (64 KiB), topics per
 * connection (100), WebSocket publish rate (50/s, burst 100). Each refusal is exact and leaves
 * other clients, and the refused client's other work, untouched.
 */
class LimitsIT extends ContainerTest {
  private static final int MAX = 65536;

  /** A publish body of exactly {@code bytes} bytes. */
  private String publishOfSize(String topic, int bytes) {
    String head = "{\"topic\":\"" + topic + "\",\"data\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }

  /** A WebSocket publish frame with {@code "ref":1} of exactly {@code bytes} bytes. */
  private static String frameOfSize(String topic, int bytes) {
    String head = "{\"type\":\"publish\",\"ref\":1,\"topic\":\"" + topic + "\",\"data\":\"";
    String frame = head + "y".repeat(bytes - head.length() - 2) + "\"}";
    assertEquals(bytes, frame.length());
    return frame;
  }

  @Test
  void httpBodyAtTheLimitIsPublishedOneByteMoreIs413() {
    Http.Answer ok = http.post("api/publish", publishOfSize(prefix + "a", MAX));
    assertEquals(201, ok.status(), ok.body());
    Http.Answer big = http.post("api/publish", publishOfSize(prefix + "a", MAX + 1));
    assertEquals(413, big.status(), big.body());
    assertEquals("application/problem+json", big.contentType());
    assertEquals("too-large", big.json().getString("code"));
    assertEquals("a message may be at most 65536 bytes", big.json().getString("detail"));
  }

  @Test
  void chunkedBodyPastTheLimitIs413() {
    byte[] body = publishOfSize(prefix + "a", 4 * MAX).getBytes(StandardCharsets.UTF_8);
    Http.Answer big =
        http.send(
            HttpRequest.newBuilder(base().resolve("api/publish"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));
    assertEquals(413, big.status(), big.body());
    assertEquals("too-large", big.json().getString("code"));
    assertEquals(
        0,
        http.get("api/messages?topic=" + prefix + "a&since=earliest")
            .json()
            .getJsonArray("messages")
            .size());
  }

  @Test
  void webSocketFramePastTheLimitClosesWith1009AndOthersCarryOn() throws Exception {
    try (WsClient other = ws();
        WsClient big = ws()) {
      other.subscribe(null, prefix + "a");
      big.subscribe(null, prefix + "a");
      big.send(frameOfSize(prefix + "a", MAX + 1));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (big.closeCode() == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1009, big.closeCode());
      String id = http.publish(prefix + "a", "{\"after\":true}");
      JsonObject m = other.next("message");
      assertEquals(id, m.getString("id"));
    }
  }

  @Test
  void webSocketFrameAtTheLimitIsPublished() {
    try (WsClient c = ws()) {
      c.send(frameOfSize(prefix + "a", MAX));
      JsonObject ack = c.next("ack");
      assertEquals(1, ack.getInt("ref"));
    }
  }

  @Test
  void sseAndPollWithTooManyTopicsAre400() {
    StringJoiner q = new StringJoiner("&");
    for (int i = 0; i <= 100; i++) {
      q.add("topic=" + prefix + i);
    }
    for (String path : new String[] {"api/sse?", "api/poll?timeout=0&"}) {
      Http.Answer a = http.get(path + q);
      assertEquals(400, a.status(), path + " " + a.body());
      assertEquals("too-many-topics", a.json().getString("code"));
      assertEquals(
          "a connection may subscribe to at most 100 topics", a.json().getString("detail"));
    }
  }

  @Test
  void webSocketPastTheTopicLimitGetsAnErrorAndKeepsItsSubscriptions() {
    try (WsClient c = ws()) {
      String[] first = new String[60];
      String[] second = new String[41];
      for (int i = 0; i < 60; i++) {
        first[i] = prefix + "f" + i;
      }
      for (int i = 0; i < 41; i++) {
        second[i] = prefix + "s" + i;
      }
      c.subscribe(null, first);
      c.send(
          "{\"type\":\"subscribe\",\"ref\":\"r\",\"topics\":[\""
              + String.join("\",\"", second)
              + "\"]}");
      JsonObject err = c.next("error");
      assertEquals("too-many-topics", err.getString("code"));
      assertEquals("r", err.getString("ref"));
      // Re-subscribing to topics already held does not count twice.
      c.subscribe(null, first);
      String id = http.publish(prefix + "f59", "1");
      assertEquals(id, c.next("message").getString("id"));
      http.publish(prefix + "s0", "2");
      c.send("{\"type\":\"ping\"}");
      assertEquals("pong", c.next().getString("type"), "not subscribed to the refused topics");
    }
  }

  @Test
  void webSocketPublishFloodIsRateLimitedPerConnection() {
    try (WsClient flood = ws();
        WsClient calm = ws()) {
      int n = 160;
      StringBuilder frames = new StringBuilder();
      for (int i = 0; i < n; i++) {
        flood.send(
            "{\"type\":\"publish\",\"ref\":"
                + i
                + ",\"topic\":\""
                + prefix
                + "flood\",\"data\":"
                + i
                + "}");
      }
      int acks = 0;
      int limited = 0;
      for (int i = 0; i < n; i++) {
        JsonObject f = flood.next(x -> !"subscribed".equals(x.getString("type")));
        assertEquals(i, f.getInt("ref"), f.toString());
        if ("ack".equals(f.getString("type"))) {
          acks++;
        } else {
          assertEquals("rate-limited", f.getString("code"), f.toString());
          limited++;
        }
        frames.append(f.getString("type").charAt(0));
      }
      assertTrue(acks >= 100, "the burst of 100 goes through: " + frames);
      assertTrue(limited > 0, "past the burst publishes are refused: " + frames);
      calm.send("{\"type\":\"publish\",\"ref\":\"c\",\"topic\":\"" + prefix + "calm\",\"data\":1}");
      assertEquals("ack", calm.next().getString("type"));
      assertNull(calm.closeCode());
      assertEquals(
          acks,
          http.get("api/messages?topic=" + prefix + "flood&limit=1000&since=earliest")
              .json()
              .getJsonArray("messages")
              .size());
    }
  }
}
