package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Callers the container logged in (Jakarta Security; here the test-only {@code TestLoginMechanism})
 * instead of presenting a token: their roles and the {@code herald.security.session.*} patterns
 * decide, and they can get tickets. The test deployment sets {@code
 * herald.security.session.subscribe=session/{sub}/**}, {@code herald.security.session-ttl=PT4S} and
 * {@code herald.security.clock-skew=PT1S}.
 */
class SessionSecurityIT extends ContainerTest {

  private Http.Answer as(String user, String groups, HttpRequest.Builder request) {
    request.header("X-Test-User", user);
    if (groups != null) {
      request.header("X-Test-Groups", groups);
    }
    return http.as(null).send(request);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(base().resolve(path)).GET();
  }

  private HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(base().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void containerUsersGetTheirSessionPatternsAndRoles() {
    String own = "session/alice/" + prefix + "inbox";
    assertEquals(200, as("alice", null, get("api/messages?topic=" + own)).status());
    assertProblem(
        as("alice", null, get("api/messages?topic=session/bob/" + prefix + "inbox")),
        403,
        "forbidden");
    String publish = "{\"topic\":\"" + own + "\",\"data\":1}";
    assertProblem(as("alice", null, post("api/publish", publish)), 403, "forbidden");
    assertEquals(201, as("backend", "herald-publisher", post("api/publish", publish)).status());
    assertEquals(
        200, as("ops", "herald-subscriber", get("api/messages?topic=" + prefix + "any")).status());
  }

  @Test
  void aContainerUserInTheAdminRoleMayUseTheAdminApiAndOthersMayNot() {
    assertEquals(200, as("ops", "herald-admin", get("api/admin/overview")).status());
    Http.Answer ticket = as("ops", "herald-admin", post("api/admin/ticket", ""));
    assertEquals(200, ticket.status());
    assertTrue(ticket.json().getString("ticket").length() > 20, ticket.body());
    assertProblem(as("alice", null, get("api/admin/overview")), 403, "http-403");
    assertProblem(as("backend", "herald-publisher", get("api/admin/overview")), 403, "http-403");
  }

  @Test
  void aContainerSessionCanTradeForATicketThatOpensOneStream() throws Exception {
    String own = "session/alice/" + prefix + "inbox";
    String ticket = as("alice", null, post("api/ticket", "")).json().getString("ticket");
    Http anonymous = http.as(null);
    // A ticket is no credential for a history read; refused before it is redeemed.
    assertProblem(
        anonymous.get("api/messages?topic=" + own + "&ticket=" + ticket),
        401,
        "ticket-not-accepted");
    URI stream = base().resolve("api/sse?topic=" + own + "&ticket=" + ticket);
    try (SseClient sse = SseClient.open(stream, null, null)) {
      assertEquals(200, sse.status());
      assertEquals("subscribed", sse.next().event());
    }
    try (SseClient again = SseClient.open(stream, null, null)) {
      assertEquals(204, again.status());
      assertEquals("invalid-ticket", again.header("Herald-Error"));
    }
  }

  @Test
  void aSessionCallersStreamEndsAfterTheSessionTtl() throws Exception {
    String own = "session/alice/" + prefix + "inbox";
    long start = System.nanoTime();
    JsonObject issued = as("alice", null, post("api/ticket", "")).json();
    assertTrue(issued.getInt("expiresIn") <= 4, issued.toString());
    URI stream = base().resolve("api/sse?topic=" + own + "&ticket=" + issued.getString("ticket"));
    try (SseClient sse = SseClient.open(stream, null, null)) {
      assertEquals(200, sse.status());
      assertEquals("subscribed", sse.next().event());
      assertTrue(sse.awaitEnd(15_000), "stream still open after the session TTL");
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    // TTL 4 s plus the 1 s skew, counted from the ticket request; not before.
    assertTrue(seconds >= 4, "ended after " + seconds + " s");
  }
}
