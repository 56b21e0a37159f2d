package io.herald.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.api.ClientSubscribing.Reading;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applications can build every event Herald fires, to unit-test their observers. */
class EventsTest {
  private static final Principal ALICE = () -> "alice";

  @Test
  void clientSubscribingIsRefusedWithTheObserversReason() {
    ClientSubscribing e =
        new ClientSubscribing(List.of("orders/42"), ALICE, "websocket", Reading.HISTORY);
    assertNull(e.refusal());

    e.refuse("alice may not watch orders/42");

    assertEquals("alice may not watch orders/42", e.refusal());
    assertEquals(List.of("orders/42"), e.topics());
    assertEquals("alice", e.caller().getName());
    assertEquals("websocket", e.transport());
    assertEquals(Reading.HISTORY, e.reading());
  }

  @Test
  void aBlankRefusalStillRefuses() {
    ClientSubscribing e = new ClientSubscribing(List.of("t"), null, "sse", Reading.SUBSCRIBE);
    e.refuse(" ");
    assertEquals("refused", e.refusal());
  }

  @Test
  void clientPublishingIsConstructible() {
    ClientPublishing e = new ClientPublishing("t", "message", JsonValue.TRUE, ALICE, "http");
    e.reject("no");
    assertEquals("no", e.rejection());
  }

  @Test
  void connectionEventsAreRecords() {
    assertEquals(
        new ClientConnected("sse", "alice", "10.0.0.1"),
        new ClientConnected("sse", "alice", "10.0.0.1"));
    assertEquals(
        "client-closed",
        new ClientDisconnected("websocket", null, "::1", "client-closed").reason());
  }
}
