package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.herald.testkit.Http;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Authentication, per-topic permissions, origin checks, tickets and token expiry on the WebSocket
 * transport. Refused credentials close the connection with 1008 and a reason; refused topics get an
 * error frame naming the code.
 */
class WebSocketSecurityIT extends ContainerTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private URI wsUri() {
    return base().resolve("api/ws");
  }

  @Test
  void expiredForgedAndUnsignedTokensCloseWith1008() throws Exception {
    JWTClaimsSet good = Tokens.builder("alice", List.of("**"), List.of("**"), HOUR).build();
    JWTClaimsSet expired =
        Tokens.builder("alice", List.of("**"), List.of("**"), Duration.ofMinutes(-5)).build();
    Object[][] cases = {
      {Tokens.sign(expired), "token-expired"},
      {Tokens.forged(good), "invalid-token"},
      {Tokens.unsigned(good), "invalid-token"},
      // Signed but from a wrong issuer whose long name makes the refusal longer than the 123 bytes
      // a close reason may carry: it must still close, with the reason cut short.
      {
        Tokens.sign(
            Tokens.builder("alice", List.of("**"), List.of("**"), HOUR)
                .issuer("https://" + "very-long-issuer-name.".repeat(12) + "example")
                .build()),
        "invalid-token"
      },
    };
    for (Object[] c : cases) {
      try (WsClient ws = WsClient.open(wsUri(), (String) c[0], null)) {
        assertEquals(1008, ws.awaitClose(10_000));
        assertTrue(ws.closeReason().startsWith(c[1] + ":"), ws.closeReason());
        assertTrue(
            ws.closeReason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123,
            ws.closeReason());
      }
    }
  }

  @Test
  void withoutATokenPrivateTopicsAndPublishingAreRefused() throws Exception {
    String t = prefix + "a";
    try (WsClient ws = WsClient.open(wsUri(), null, null)) {
      ws.send("{\"type\":\"subscribe\",\"ref\":1,\"topics\":[\"" + t + "\"]}");
      assertError(ws.next(), 1, "unauthenticated");
      ws.send("{\"type\":\"publish\",\"ref\":2,\"topic\":\"" + t + "\",\"data\":1}");
      assertError(ws.next(), 2, "unauthenticated");
      http.publish(t, "1");
      assertNull(ws.poll(300));
    }
    assertEquals(
        1,
        http.get("api/messages?topic=" + t + "&since=earliest")
            .json()
            .getJsonArray("messages")
            .size());
  }

  @Test
  void outOfScopeTopicsAreRefusedAndResumingOnAnotherTopicRevealsNothing() throws Exception {
    String a = prefix + "a";
    String b = prefix + "b";
    String start = http.get("api/messages?topic=" + a).json().getString("cursor");
    String a1 = http.publish(a, "\"secret\"");
    String b1 = http.publish(b, "\"open\"");
    String token = Tokens.of("bob", List.of(b), List.of(b), HOUR);
    try (WsClient ws = WsClient.open(wsUri(), token, null)) {
      ws.send(
          "{\"type\":\"subscribe\",\"ref\":1,\"topics\":[\""
              + a
              + "\"],\"since\":\""
              + start
              + "\"}");
      assertError(ws.next(), 1, "forbidden");
      ws.send("{\"type\":\"publish\",\"ref\":2,\"topic\":\"" + a + "\",\"data\":1}");
      assertError(ws.next(), 2, "forbidden");
      ws.subscribe(a1, b);
      assertEquals(b1, ws.next("message").getString("id"));
      assertNull(ws.poll(300));
      ws.send("{\"type\":\"publish\",\"ref\":3,\"topic\":\"" + b + "\",\"data\":2}");
      assertEquals("ack", ws.next("ack").getString("type"));
    }
  }

  @Test
  void crossOriginUpgradesAreRefusedSameOriginAndAllowedOnesAccepted() throws Exception {
    CompletionException refused =
        assertThrows(
            CompletionException.class,
            () -> WsClient.open(wsUri(), Tokens.full(), "http://evil.example"));
    WebSocketHandshakeException handshake = (WebSocketHandshakeException) refused.getCause();
    assertEquals(403, handshake.getResponse().statusCode());
    for (String origin :
        List.of("http://127.0.0.1:" + base().getPort(), "http://allowed.example")) {
      try (WsClient ws = WsClient.open(wsUri(), Tokens.full(), origin)) {
        ws.subscribe(null, prefix + "a");
      }
    }
  }

  @Test
  void aTicketOpensOneConnectionOnly() throws Exception {
    String t = prefix + "a";
    Http alice = http.as(Tokens.of("alice", List.of(t), List.of(), HOUR));
    String ticket = alice.post("api/ticket", "").json().getString("ticket");
    URI withTicket = URI.create(wsUri() + "?ticket=" + ticket);
    try (WsClient ws = WsClient.open(withTicket, null, null)) {
      ws.subscribe(null, t);
      String id = http.publish(t, "1");
      assertEquals(id, ws.next("message").getString("id"));
    }
    try (WsClient again = WsClient.open(withTicket, null, null)) {
      assertEquals(1008, again.awaitClose(10_000));
      assertTrue(again.closeReason().startsWith("invalid-ticket:"), again.closeReason());
    }
  }

  @Test
  void aTokenInTheUpgradeQueryStringIsVerifiedLikeAHeader() throws Exception {
    String t = prefix + "a";
    String token = Tokens.of("dave", List.of(t), List.of(), HOUR);
    try (WsClient ws = WsClient.open(URI.create(wsUri() + "?access_token=" + token), null, null)) {
      ws.subscribe(null, t);
      ws.send("{\"type\":\"subscribe\",\"ref\":1,\"topics\":[\"" + prefix + "b\"]}");
      assertError(ws.next(), 1, "forbidden");
    }
    JWTClaimsSet claims = Tokens.builder("dave", List.of("**"), List.of(), HOUR).build();
    URI forged = URI.create(wsUri() + "?access_token=" + Tokens.forged(claims));
    try (WsClient ws = WsClient.open(forged, null, null)) {
      assertEquals(1008, ws.awaitClose(10_000));
      assertTrue(ws.closeReason().startsWith("invalid-token:"), ws.closeReason());
    }
    // Only on WebSocket upgrades: plain HTTP requests must use the header.
    assertEquals(
        401, http.as(null).get("api/messages?topic=" + t + "&access_token=" + token).status());
  }

  @Test
  void aConnectionClosesWhenItsTokenExpiresUnlessRefreshedInBand() throws Exception {
    String t = prefix + "a";
    // Short enough to expire during the test, long enough for the in-band refresh to get in first
    // on a busy machine.
    Duration shortLived = Duration.ofSeconds(6);
    try (WsClient ws =
        WsClient.open(wsUri(), Tokens.of("carol", List.of(t), List.of(), shortLived), null)) {
      ws.subscribe(null, t);
      assertEquals(1008, ws.awaitClose(15_000));
      assertTrue(ws.closeReason().startsWith("token-expired:"), ws.closeReason());
    }
    long expired = System.nanoTime() + shortLived.plusSeconds(1).toNanos();
    try (WsClient ws =
        WsClient.open(wsUri(), Tokens.of("carol", List.of(t), List.of(), shortLived), null)) {
      ws.subscribe(null, t);
      ws.send(
          "{\"type\":\"auth\",\"ref\":\"r\",\"token\":\""
              + Tokens.of("mallory", List.of("**"), List.of(), HOUR)
              + "\"}");
      assertError(ws.next(), "r", "forbidden");
      ws.send(
          "{\"type\":\"auth\",\"ref\":\"r\",\"token\":\""
              + Tokens.of("carol", List.of(t), List.of(), HOUR)
              + "\"}");
      JsonObject ok = ws.next();
      assertEquals("authenticated", ok.getString("type"), ok.toString());
      assertEquals("r", ok.getString("ref"));
      // Past the first token's expiry: the refreshed token keeps the connection.
      Thread.sleep(Math.max(0, (expired - System.nanoTime()) / 1_000_000));
      assertNull(ws.closeCode());
      String id = http.publish(t, "1");
      assertEquals(id, ws.next("message").getString("id"));
    }
  }

  @Test
  void theAdminFeedIsAuthorizedByRoleNotByItsName() throws Exception {
    String feed = "herald-internal/admin";
    assertEquals(feed, new Admin(http).get("overview").json().getString("feed"));
    // Knowing the name and holding ** plus both topic roles is not enough.
    String everything =
        Tokens.sign(
            Tokens.builder("root", List.of("**"), List.of("**"), HOUR)
                .claim("groups", List.of("herald-subscriber", "herald-publisher"))
                .build());
    try (WsClient ws = WsClient.open(wsUri(), everything, null)) {
      ws.send("{\"type\":\"subscribe\",\"ref\":1,\"topics\":[\"" + feed + "\"]}");
      JsonObject refused = ws.next();
      assertError(refused, 1, "forbidden");
      assertEquals(
          "root may not subscribe to reserved topic '" + feed + "'", refused.getString("message"));
      ws.send("{\"type\":\"publish\",\"ref\":2,\"topic\":\"" + feed + "\",\"data\":1}");
      assertError(ws.next(), 2, "forbidden");
    }
    // The admin page's ticket holds the role: it gets the feed, and no other topic.
    String ticket = new Admin(http).post("ticket", "").json().getString("ticket");
    try (WsClient ws = WsClient.open(URI.create(wsUri() + "?ticket=" + ticket), null, null)) {
      ws.send("{\"type\":\"subscribe\",\"ref\":1,\"topics\":[\"" + prefix + "x\"]}");
      assertError(ws.next(), 1, "forbidden");
      ws.subscribe(null, feed);
      JsonObject stats = ws.next("message");
      assertEquals(feed, stats.getString("topic"));
      assertEquals("stats", stats.getString("event"));
    }
  }

  private static void assertError(JsonObject frame, Object ref, String code) {
    assertEquals("error", frame.getString("type"), frame.toString());
    assertEquals(code, frame.getString("code"), frame.toString());
    assertEquals(
        ref.toString(),
        ref instanceof String ? frame.getString("ref") : frame.get("ref").toString());
  }
}
