package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import io.herald.testkit.Tokens;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Authentication, per-topic permissions, origin checks and CORS on the HTTP transports: short poll,
 * long poll, SSE and the REST publish API. Every topic here is private (the test deployment
 * declares none public).
 */
class HttpSecurityIT extends ContainerTest {
  private static final Duration HOUR = Duration.ofHours(1);

  /** A request to each HTTP transport for topic {@code t}, as {@code client}. */
  private List<Function<Http, Http.Answer>> everyTransport(String t) {
    return List.of(
        c -> c.get("api/messages?topic=" + t),
        c -> c.get("api/poll?topic=" + t + "&timeout=0"),
        c ->
            c.send(
                HttpRequest.newBuilder(base().resolve("api/sse?topic=" + t))
                    // Not an EventSource: it asks for the problem too (docs/protocol.md).
                    .header("Accept", "text/event-stream, application/problem+json")
                    .GET()),
        c -> c.post("api/publish", "{\"topic\":\"" + t + "\",\"data\":1}"));
  }

  @Test
  void missingExpiredForgedAndUnsignedTokensAreRefusedWith401() {
    String t = prefix + "a";
    JWTClaimsSet good = Tokens.builder("alice", List.of("**"), List.of("**"), HOUR).build();
    JWTClaimsSet expired =
        Tokens.builder("alice", List.of("**"), List.of("**"), Duration.ofMinutes(-5)).build();
    Object[][] cases = {
      {null, "unauthenticated"},
      {Tokens.sign(expired), "token-expired"},
      {Tokens.forged(good), "invalid-token"},
      {Tokens.unsigned(good), "invalid-token"},
      {"not.a.jwt", "invalid-token"},
      {
        Tokens.sign(Tokens.builder("alice", List.of("**"), List.of(), HOUR).issuer("evil").build()),
        "invalid-token"
      },
    };
    for (Object[] c : cases) {
      Http client = http.as((String) c[0]);
      for (Function<Http, Http.Answer> request : everyTransport(t)) {
        Http.Answer a = request.apply(client);
        assertProblem(a, 401, (String) c[1]);
        assertTrue(
            a.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      }
    }
    assertEquals(0, messages(t, "earliest").size(), "nothing was published");
  }

  @Test
  void tokensOnlyReachTheirTopicPatterns() {
    String mine = prefix + "mine";
    String other = prefix + "other";
    Http alice = http.as(Tokens.of("alice", List.of(prefix + "m*"), List.of(mine), HOUR));
    for (Function<Http, Http.Answer> request : everyTransport(other)) {
      assertProblem(request.apply(alice), 403, "forbidden");
    }
    assertEquals(200, alice.get("api/messages?topic=" + mine).status());
    assertEquals(200, alice.get("api/poll?topic=" + mine + "&timeout=0").status());
    assertEquals(
        201, alice.post("api/publish", "{\"topic\":\"" + mine + "\",\"data\":1}").status());
    // One forbidden topic in a list refuses the whole request.
    assertProblem(alice.get("api/messages?topic=" + mine + "&topic=" + other), 403, "forbidden");
    // A batch with one forbidden topic stores nothing.
    assertProblem(
        alice.post(
            "api/publish",
            "[{\"topic\":\"" + mine + "\",\"data\":2},{\"topic\":\"" + other + "\",\"data\":3}]"),
        403,
        "forbidden");
    assertEquals(1, messages(mine, "earliest").size());
    assertEquals(0, messages(other, "earliest").size());
  }

  @Test
  void subjectPlaceholderGrantsOnlyTheCallersOwnTopics() {
    Http alice = http.as(Tokens.of("alice", List.of(prefix + "user/{sub}/*"), List.of(), HOUR));
    assertEquals(200, alice.get("api/messages?topic=" + prefix + "user/alice/inbox").status());
    assertProblem(alice.get("api/messages?topic=" + prefix + "user/bob/inbox"), 403, "forbidden");
    assertProblem(alice.get("api/messages?topic=" + prefix + "user/alice/a/b"), 403, "forbidden");
  }

  @Test
  void restPublishNeedsThePublisherRoleOrAPublishGrant() {
    String t = prefix + "a";
    Http reader = http.as(Tokens.of("reader", List.of("**"), List.of(), HOUR));
    assertProblem(
        reader.post("api/publish", "{\"topic\":\"" + t + "\",\"data\":1}"), 403, "forbidden");
    Http publisher =
        http.as(
            Tokens.sign(
                Tokens.builder("backend", List.of(), List.of(), HOUR)
                    .claim("groups", List.of("herald-publisher"))
                    .build()));
    assertEquals(
        201, publisher.post("api/publish", "{\"topic\":\"" + t + "\",\"data\":1}").status());
    assertProblem(publisher.get("api/messages?topic=" + t), 403, "forbidden");
  }

  @Test
  void theAdminRoleInATokenOpensTheAdminApi() {
    Http admin =
        http.as(
            Tokens.sign(
                Tokens.builder("operator", List.of(), List.of(), HOUR)
                    .claim("groups", List.of("herald-admin"))
                    .build()));
    assertEquals(200, admin.get("api/admin/overview").status());
    assertEquals(403, http.get("api/admin/overview").status(), "full token, but no admin role");
  }

  @Test
  void aTokenForBCannotReadAsHistoryByResumingOnB() throws Exception {
    String a = prefix + "a";
    String b = prefix + "b";
    String start = http.get("api/messages?topic=" + a).json().getString("cursor");
    String a1 = http.publish(a, "\"secret-1\"");
    http.publish(a, "\"secret-2\"");
    String b1 = http.publish(b, "\"open\"");
    String token = Tokens.of("bob", List.of(b), List.of(), HOUR);
    Http bob = http.as(token);
    for (String since : List.of(start, a1, "earliest")) {
      assertEquals(List.of(b1), ids(bob.get("api/messages?topic=" + b + "&since=" + since)));
      assertEquals(
          List.of(b1), ids(bob.get("api/poll?topic=" + b + "&since=" + since + "&timeout=0")));
      assertProblem(bob.get("api/messages?topic=" + a + "&since=" + since), 403, "forbidden");
    }
    try (SseClient sse = SseClient.open(base().resolve("api/sse?topic=" + b), a1, token)) {
      assertEquals(200, sse.status());
      assertEquals(b1, sse.messages(1).get(0).id());
      assertNull(sse.poll(300));
    }
  }

  @Test
  void foreignOriginsAreRefusedAndAllowedOnesGetCors() {
    String t = prefix + "a";
    HttpRequest.Builder evil =
        HttpRequest.newBuilder(base().resolve("api/messages?topic=" + t))
            .header("Origin", "http://evil.example");
    assertProblem(http.send(evil), 403, "origin-not-allowed");
    assertProblem(
        http.send(
            HttpRequest.newBuilder(base().resolve("api/publish"))
                .header("Origin", "http://evil.example")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"" + t + "\",\"data\":1}"))),
        403,
        "origin-not-allowed");

    Http.Answer preflight =
        http.as(null)
            .send(
                HttpRequest.newBuilder(base().resolve("api/sse?topic=" + t))
                    .header("Origin", "http://allowed.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertEquals(204, preflight.status());
    assertEquals("http://allowed.example", header(preflight, "Access-Control-Allow-Origin"));
    assertEquals("true", header(preflight, "Access-Control-Allow-Credentials"));
    assertTrue(header(preflight, "Access-Control-Allow-Headers").contains("Authorization"));

    Http.Answer allowed =
        http.send(
            HttpRequest.newBuilder(base().resolve("api/messages?topic=" + t))
                .header("Origin", "http://allowed.example"));
    assertEquals(200, allowed.status());
    assertEquals("http://allowed.example", header(allowed, "Access-Control-Allow-Origin"));

    Http.Answer same =
        http.send(
            HttpRequest.newBuilder(base().resolve("api/messages?topic=" + t))
                .header("Origin", "http://127.0.0.1:" + base().getPort()));
    assertEquals(200, same.status());
    assertNull(same.raw().headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  @Test
  void aTicketWorksOnceOnlyAndCarriesTheTokensPermissions() throws Exception {
    String t = prefix + "a";
    assertProblem(http.as(null).post("api/ticket", ""), 401, "unauthenticated");
    Http alice = http.as(Tokens.of("alice", List.of(t), List.of(), HOUR));
    JsonObject issued = alice.post("api/ticket", "").json();
    assertEquals(30, issued.getInt("expiresIn"));
    String ticket = issued.getString("ticket");
    assertTrue(ticket.matches("[A-Za-z0-9_-]{43}"), ticket);
    try (SseClient sse = withTicket(t, ticket)) {
      assertEquals(200, sse.status());
      assertEquals("subscribed", sse.next().event());
      String id = http.publish(t, "1");
      assertEquals(id, sse.messages(1).get(0).id());
    }
    // An EventSource reconnecting with its used ticket is told to stop: 204 and the code.
    try (SseClient again = withTicket(t, ticket)) {
      assertEquals(204, again.status());
      assertEquals("invalid-ticket", again.header("Herald-Error"));
    }
    try (SseClient madeUp = withTicket(t, "made-up")) {
      assertEquals(204, madeUp.status());
      assertEquals("invalid-ticket", madeUp.header("Herald-Error"));
    }

    String second = alice.post("api/ticket", "").json().getString("ticket");
    try (SseClient other = withTicket(prefix + "b", second)) {
      assertEquals(204, other.status());
      assertEquals("forbidden", other.header("Herald-Error"));
    }
  }

  @Test
  void aTicketOpensOneStreamAndNothingElse() throws Exception {
    String t = prefix + "a";
    Http bob = http.as(Tokens.of("bob-" + prefix.substring(0, 9), List.of(t), List.of(t), HOUR));
    String ticket = bob.post("api/ticket", "").json().getString("ticket");
    Http anonymous = http.as(null);
    String q = "ticket=" + ticket;
    List<Http.Answer> refused =
        List.of(
            anonymous.get("api/messages?topic=" + t + "&" + q),
            anonymous.get("api/poll?topic=" + t + "&timeout=0&" + q),
            anonymous.post("api/publish?" + q, "{\"topic\":\"" + t + "\",\"data\":1}"),
            anonymous.post("api/ticket?" + q, ""));
    for (Http.Answer a : refused) {
      assertProblem(a, 401, "ticket-not-accepted");
      assertEquals(
          "a ticket opens one SSE stream or WebSocket connection and nothing else",
          a.json().getString("detail"));
      assertEquals(
          "Bearer error=\"invalid_token\", error_description=\"ticket-not-accepted\"",
          a.raw().headers().firstValue("WWW-Authenticate").orElse(null));
    }
    assertEquals(0, messages(t, "earliest").size(), "nothing was published");
    // Refused before it was redeemed: the ticket still opens its one stream.
    try (SseClient sse = withTicket(t, ticket)) {
      assertEquals(200, sse.status());
      assertEquals("subscribed", sse.next().event());
    }
  }

  @Test
  void oneCallerHoldsAtMostTwentyUnusedTickets() throws Exception {
    String t = prefix + "a";
    Http carol = http.as(Tokens.of("carol-" + prefix.substring(0, 9), List.of(t), List.of(), HOUR));
    String first = null;
    for (int i = 0; i < 20; i++) {
      Http.Answer a = carol.post("api/ticket", "");
      assertEquals(200, a.status(), a.body());
      first = first == null ? a.json().getString("ticket") : first;
    }
    Http.Answer over = carol.post("api/ticket", "");
    assertProblem(over, 429, "too-many-tickets");
    assertEquals("30", over.raw().headers().firstValue("Retry-After").orElse(null));
    assertTrue(
        over.json()
            .getString("detail")
            .endsWith("holds 20 unused tickets; redeem or let them expire"),
        over.body());
    // Another caller is not affected; redeeming one gives a place back.
    assertEquals(
        200,
        http.as(Tokens.of("dan-" + prefix.substring(0, 9), List.of(t), List.of(), HOUR))
            .post("api/ticket", "")
            .status());
    try (SseClient sse = withTicket(t, first)) {
      assertEquals(200, sse.status());
    }
    assertEquals(200, carol.post("api/ticket", "").status());
  }

  @Test
  void aTicketNeverOutlivesTheTokenItWasIssuedFor() {
    String t = prefix + "a";
    Http brief = http.as(Tokens.of("eve", List.of(t), List.of(), Duration.ofSeconds(10)));
    int expiresIn = brief.post("api/ticket", "").json().getInt("expiresIn");
    assertTrue(expiresIn >= 8 && expiresIn <= 10, "expiresIn " + expiresIn);
  }

  @Test
  void internalTopicsAreReachableByNoPatternRoleOrPublicSetting() throws Exception {
    String feed = "herald-internal/admin";
    Http everything =
        http.as(
            Tokens.sign(
                Tokens.builder("root", List.of("**"), List.of("**"), HOUR)
                    .claim("groups", List.of("herald-subscriber", "herald-publisher"))
                    .build()));
    for (Function<Http, Http.Answer> request : everyTransport(feed)) {
      Http.Answer a = request.apply(everything);
      assertProblem(a, 403, "forbidden");
      assertTrue(a.json().getString("detail").contains("reserved topic '" + feed + "'"), a.body());
      assertProblem(request.apply(http.as(null)), 401, "unauthenticated");
    }
    assertProblem(
        new Admin(http).post("publish", "{\"topic\":\"" + feed + "\",\"data\":1}"),
        403,
        "forbidden");
    // The admin role may read it, by role and not by knowing its name.
    Http admin =
        http.as(
            Tokens.sign(
                Tokens.builder("ada", List.of(), List.of(), HOUR)
                    .claim("groups", List.of("herald-admin"))
                    .build()));
    assertEquals(200, admin.get("api/messages?topic=" + feed).status());
    assertProblem(
        admin.post("api/publish", "{\"topic\":\"" + feed + "\",\"data\":1}"), 403, "forbidden");
  }

  private SseClient withTicket(String topic, String ticket) {
    return SseClient.open(
        base().resolve("api/sse?topic=" + topic + "&ticket=" + ticket), null, null);
  }

  @Test
  void anSseStreamEndsWhenItsTokenExpires() throws Exception {
    String t = prefix + "a";
    String token = Tokens.of("short", List.of(t), List.of(), Duration.ofSeconds(2));
    try (SseClient sse = SseClient.open(base().resolve("api/sse?topic=" + t), null, token)) {
      assertEquals(200, sse.status());
      assertEquals("subscribed", sse.next().event());
      assertTrue(sse.awaitEnd(10_000), "stream still open after the token expired");
    }
  }

  @Test
  void aLongPollEndsWhenItsTokenExpires() throws Exception {
    String t = prefix + "a";
    Http shortLived = http.as(Tokens.of("short", List.of(t), List.of(), Duration.ofSeconds(2)));
    String cursor = shortLived.get("api/messages?topic=" + t).json().getString("cursor");
    Http.Answer a =
        CompletableFuture.supplyAsync(
                () -> shortLived.get("api/poll?topic=" + t + "&since=" + cursor + "&timeout=60"))
            .get(15, TimeUnit.SECONDS);
    assertEquals(List.of(), ids(a));
    assertEquals(cursor, a.json().getString("cursor"));
    assertProblem(
        shortLived.get("api/poll?topic=" + t + "&since=" + cursor + "&timeout=60"),
        401,
        "token-expired");
  }

  private List<String> messages(String topic, String since) {
    return ids(http.get("api/messages?topic=" + topic + "&since=" + since));
  }

  private static List<String> ids(Http.Answer a) {
    assertEquals(200, a.status(), a.body());
    return a.json().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("id"))
        .toList();
  }

  private static String header(Http.Answer a, String name) {
    return a.raw().headers().firstValue(name).orElse("");
  }
}
