package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.testkit.SseClient;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Join and leave events with real clients: opt-in on a WebSocket {@code subscribe} and on SSE, in
 * order with messages, leaves on close and on a dropped connection, polls answering presence, bad
 * parameters and forbidden topics refused with nothing lost for other subscribers. Topics under
 * {@code ** /named} name their members (the deployment's {@code herald.presence.members}).
 */
class PresenceEventsIT extends ContainerTest {

  private String token(String subject) {
    return Tokens.of(subject, List.of(prefix + "**"), List.of(), Duration.ofHours(1));
  }

  private static String subscribe(String topic) {
    return "{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"],\"presence\":true}";
  }

  @Test
  void aWebSocketWatcherSeesJoinsMessagesAndLeavesInOrder() throws Exception {
    String named = prefix + "named";
    try (WsClient alice = WsClient.open(base().resolve("api/ws"), token("alice"), null)) {
      alice.send(subscribe(named));
      assertEquals("subscribed", alice.next().getString("type"));
      assertEquals(
          "{\"type\":\"join\",\"topic\":\"" + named + "\",\"count\":1,\"member\":\"alice\"}",
          alice.next().toString(),
          "its own join first");
      WsClient bob = WsClient.open(base().resolve("api/ws"), token("bob"), null);
      bob.subscribe(null, named);
      assertEquals(
          "{\"type\":\"join\",\"topic\":\"" + named + "\",\"count\":2,\"member\":\"bob\"}",
          alice.next().toString());
      String id = http.publish(named, "1");
      assertEquals(id, alice.next().getString("id"));
      assertEquals(id, bob.next().getString("id"), "bob, who did not ask, gets only the message");
      bob.close();
      assertEquals(
          "{\"type\":\"leave\",\"topic\":\"" + named + "\",\"count\":1,\"member\":\"bob\"}",
          alice.next().toString());
    }
  }

  @Test
  void anSseWatcherSeesAnonymousCountsAndALeaveWhenAConnectionDrops() throws Exception {
    String plain = prefix + "plain";
    try (SseClient watcher =
        SseClient.open(base().resolve("api/sse?presence=true&topic=" + plain), null, token("w"))) {
      assertEquals("subscribed", watcher.next().event());
      SseClient.Event self = watcher.next();
      assertEquals("join", self.event());
      assertNull(self.id(), "an event has no id: it does not move Last-Event-ID");
      assertEquals("{\"topic\":\"" + plain + "\",\"count\":1}", self.data());
      WsClient dropped = WsClient.open(base().resolve("api/ws"), token("carol"), null);
      dropped.subscribe(null, plain);
      SseClient.Event join = watcher.next();
      assertEquals("join", join.event());
      assertEquals("{\"topic\":\"" + plain + "\",\"count\":2}", join.data(), "not named here");
      dropped.abort();
      SseClient.Event leave = watcher.next();
      assertEquals("leave", leave.event());
      assertEquals("{\"topic\":\"" + plain + "\",\"count\":1}", leave.data());
    }
  }

  @Test
  void pollsAnswerPresenceWhenAskedAndGetNoEvents() throws Exception {
    String named = prefix + "named";
    try (WsClient alice = WsClient.open(base().resolve("api/ws"), token("alice"), null)) {
      alice.subscribe(null, named);
      JsonObject shortPoll = http.get("api/messages?presence=true&topic=" + named).json();
      assertEquals(
          "[{\"topic\":\"" + named + "\",\"count\":1,\"members\":[\"alice\"]}]",
          shortPoll.getJsonArray("presence").toString());
      JsonObject longPoll = http.get("api/poll?timeout=0&presence=true&topic=" + named).json();
      assertEquals(
          "[{\"topic\":\"" + named + "\",\"count\":1,\"members\":[\"alice\"]}]",
          longPoll.getJsonArray("presence").toString(),
          "a waiting long poll is not counted");
      JsonObject plainPoll = http.get("api/messages?topic=" + named).json();
      assertEquals(false, plainPoll.containsKey("presence"));
    }
  }

  @Test
  void badPresenceValuesAndForbiddenTopicsAreRefusedAndOthersLoseNothing() throws Exception {
    String t = prefix + "a";
    assertProblem(http.get("api/sse?presence=yes&topic=" + t), 400, "bad-presence");
    assertProblem(http.get("api/poll?presence=1&topic=" + t), 400, "bad-presence");
    assertProblem(http.get("api/messages?presence=&topic=" + t), 400, "bad-presence");
    assertProblem(http.get("api/sse?presence=true&topic=herald-internal/x"), 403, "forbidden");
    try (WsClient other = ws();
        WsClient ws = WsClient.open(base().resolve("api/ws"), token("alice"), null)) {
      other.subscribe(null, t);
      ws.send("{\"type\":\"subscribe\",\"topics\":[\"" + t + "\"],\"presence\":\"yes\",\"ref\":7}");
      JsonObject refused = ws.next();
      assertEquals("bad-presence", refused.getString("code"));
      assertEquals(7, refused.getInt("ref"));
      ws.send(subscribe("herald-internal/x"));
      assertEquals("forbidden", ws.next().getString("code"));
      String id = http.publish(t, "1");
      assertEquals(id, other.next("message").getString("id"));
      ws.send(subscribe(t));
      assertEquals("subscribed", ws.next().getString("type"));
      assertEquals("join", ws.next().getString("type"));
    }
  }
}
