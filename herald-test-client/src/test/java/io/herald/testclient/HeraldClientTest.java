package io.herald.testclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeraldClientTest {
  private static final Duration WITHIN = Duration.ofSeconds(5);

  private FakeHerald server;
  private HeraldClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakeHerald();
    client = HeraldClient.to(server.base());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void publishSendsTheBearerTokenAndReturnsTheId() {
    String id = client.withBearer("jwt-1").publish("orders/1", null, "{\"total\":3}");

    assertEquals("c-1", id);
    assertEquals(List.of("POST publish auth=Bearer jwt-1 last-event-id=null"), server.requests);
    Message stored = client.history("orders/1").get(0);
    assertEquals("orders/1", stored.topic());
    assertEquals(3, stored.data().asJsonObject().getInt("total"));
  }

  @Test
  void publishRefusesMalformedJsonBeforeSendingIt() {
    assertThrows(RuntimeException.class, () -> client.publish("t", null, "{oops"));
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void shortPollingSeesEachMessageOnceInOrderFromNow() {
    server.publish("t", "0");
    try (Subscription poll = client.shortPolling(null, Duration.ofMillis(50), "t")) {
      assertEquals("c-1", poll.cursor());
      String a = server.publish("t", "1");
      String b = server.publish("t", "2");

      List<Message> got = poll.awaitIds("t", List.of(a, b), WITHIN);

      assertEquals("2", got.get(1).data().toString());
      assertEquals("c-3", poll.cursor());
    }
  }

  @Test
  void longPollingResumesFromTheGivenCursor() {
    server.publish("t", "1");
    String second = server.publish("t", "2");
    try (Subscription poll = client.longPolling("c-1", Duration.ofSeconds(1), "t")) {
      String third = server.publish("t", "3");

      poll.awaitIds("t", List.of(second, third), WITHIN);
      assertEquals("long-poll", poll.transport());
    }
    assertTrue(server.requests.get(0).startsWith("GET messages?topic=t&since=c-1 "));
  }

  @Test
  void sseRecordsMessagesAndResumesWithLastEventId() {
    server.publish("t", "1");
    try (Subscription sse = client.sse("c-0", "t")) {
      String second = server.publish("t", "2");

      sse.awaitIds("t", List.of("c-1", second), WITHIN);
    }
    assertTrue(server.requests.get(0).endsWith("last-event-id=c-0"), server.requests.get(0));
  }

  @Test
  void aDuplicateIsReportedWithItsId() {
    try (Subscription sse = client.sse(null, "t")) {
      String id = server.publish("t", "1");
      server.resendOnSse(0);

      AssertionError e = assertThrows(AssertionError.class, () -> sse.awaitExactly("t", 2, WITHIN));

      assertEquals(
          "sse: message "
              + id
              + " delivered twice on topic t: ["
              + id
              + " t message 1, "
              + id
              + " t message 1]",
          e.getMessage());
    }
  }

  @Test
  void tooFewMessagesFailWithTheCountAndTheMessages() {
    try (Subscription poll = client.shortPolling(null, Duration.ofMillis(20), "t")) {
      String id = server.publish("t", "1");

      AssertionError e =
          assertThrows(
              AssertionError.class, () -> poll.awaitExactly("t", 2, Duration.ofMillis(500)));

      assertEquals(
          "poll: expected 2 message(s) on topic t within PT0.5S but got 1: ["
              + id
              + " t message 1]",
          e.getMessage());
    }
  }

  @Test
  void anExtraMessageFailsAnExactAwait() {
    try (Subscription poll = client.shortPolling(null, Duration.ofMillis(20), "t")) {
      server.publish("t", "1");
      server.publish("t", "2");

      AssertionError e =
          assertThrows(
              AssertionError.class,
              () -> poll.awaitExactly("t", 1, WITHIN, Duration.ofMillis(300)));

      assertTrue(
          e.getMessage().startsWith("poll: expected exactly 1 message(s) on topic t but got 2"));
    }
  }

  @Test
  void assertNoneFailsOnAnyMessageOfTheTopicOnly() {
    try (Subscription poll = client.shortPolling(null, Duration.ofMillis(20), "t", "u")) {
      server.publish("u", "1");
      poll.assertNone("t", Duration.ofMillis(200));
      server.publish("t", "2");

      assertThrows(AssertionError.class, () -> poll.assertNone("t", Duration.ofMillis(300)));
    }
  }

  @Test
  void ticketsReplaceTheBearerTokenOnStreams() {
    try (Subscription sse = client.withBearer("jwt-1").withTickets().sse(null, "t")) {
      assertEquals("c-0", sse.cursor());
    }
    assertEquals("POST ticket auth=Bearer jwt-1 last-event-id=null", server.requests.get(0));
    assertEquals("GET sse?topic=t&ticket=t-1 auth=null last-event-id=null", server.requests.get(1));
    assertThrows(IllegalStateException.class, () -> client.withTickets());
  }

  @Test
  void aRefusedStreamThrowsTheStatusAndProblem() {
    UnexpectedResponseException e =
        assertThrows(UnexpectedResponseException.class, () -> client.sse(null, "deny"));

    assertEquals(403, e.status());
    assertTrue(e.body().contains("forbidden"));
  }

  @Test
  void aTicketNeedsCredentials() {
    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class, client::ticket);
    assertEquals(401, e.status());
  }
}
