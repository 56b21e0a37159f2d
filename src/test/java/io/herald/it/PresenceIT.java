package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.herald.testkit.SseClient;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Presence over HTTP and the WebSocket {@code presence} frame: counts on every topic, subjects on
 * topics matching {@code herald.presence.members} (the deployment sets {@code ** /named}), bad
 * input and refusals. Loopback, a few connections.
 */
class PresenceIT extends ContainerTest {

  @Test
  void subscribersAreCountedAndNamedWhereTheTopicAllowsIt() throws Exception {
    String named = prefix + "named";
    String plain = prefix + "plain";
    String alice = Tokens.of("alice", List.of(prefix + "**"), List.of(), Duration.ofHours(1));
    String bob = Tokens.of("bob", List.of(prefix + "**"), List.of(), Duration.ofHours(1));
    try (SseClient b =
        SseClient.open(base().resolve("api/sse?topic=" + named + "&topic=" + plain), null, bob)) {
      WsClient a = WsClient.open(base().resolve("api/ws"), alice, null);
      a.subscribe(null, named, plain);
      assertEquals("subscribed", b.next().event());
      a.send("{\"type\":\"presence\",\"topic\":\"" + named + "\",\"ref\":1}");
      assertEquals(
          "{\"type\":\"presence\",\"ref\":1,\"topic\":\""
              + named
              + "\",\"count\":2,\"members\":[\"alice\",\"bob\"]}",
          a.next("presence").toString());
      JsonObject counted = http.get("api/presence?topic=" + plain).json();
      assertEquals(2, counted.getInt("count"));
      assertFalse(counted.containsKey("members"), counted.toString());
      a.close();
      // The server ends the WebSocket's session when the close handshake arrives.
      long end = System.nanoTime() + 10_000_000_000L;
      String left = null;
      while (System.nanoTime() < end) {
        left = http.get("api/presence?topic=" + named).json().toString();
        if (left.contains("\"count\":1")) {
          break;
        }
        Thread.sleep(50);
      }
      assertEquals("{\"topic\":\"" + named + "\",\"count\":1,\"members\":[\"bob\"]}", left);
    }
  }

  @Test
  void badTopicsAndForbiddenTopicsAreRefusedAndTheConnectionCarriesOn() throws Exception {
    assertProblem(http.get("api/presence"), 400, "bad-topic");
    assertProblem(http.get("api/presence?topic=a%20b"), 400, "bad-topic");
    assertProblem(http.get("api/presence?topic=herald-internal/x"), 403, "forbidden");
    assertProblem(http.as(null).get("api/presence?topic=" + prefix + "a"), 401, "unauthenticated");
    String t = prefix + "a";
    try (WsClient ws = ws()) {
      ws.subscribe(null, t);
      ws.send("{\"type\":\"presence\",\"ref\":2}");
      JsonObject missing = ws.next();
      assertEquals("bad-topic", missing.getString("code"));
      assertEquals(2, missing.getInt("ref"));
      ws.send("{\"type\":\"presence\",\"topic\":\"herald-internal/x\"}");
      assertEquals("forbidden", ws.next().getString("code"));
      ws.send("{\"type\":\"presence\",\"topic\":\"" + t + "\"}");
      assertEquals(1, ws.next("presence").getInt("count"));
      String id = http.publish(t, "1");
      assertEquals(id, ws.next("message").getString("id"));
    }
  }
}
