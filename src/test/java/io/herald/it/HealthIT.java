package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Health, the admin API's guard and OpenAPI. Stopping the hub is reversible and restarted in a
 * finally block, because every container test shares one deployment.
 */
class HealthIT extends ContainerTest {

  @Test
  void readinessFollowsTheHubAndLivenessStaysUp() throws Exception {
    Admin admin = new Admin(http);
    assertEquals(200, http.get("api/health/ready").status());
    try (WsClient ws = ws()) {
      ws.subscribe(null, prefix + "h");
      assertEquals(204, admin.post("hub/stop", "").status());
      try {
        Http.Answer ready = http.get("api/health/ready");
        assertEquals(503, ready.status(), ready.body());
        JsonObject check = check(ready.json(), "herald-hub");
        assertEquals("DOWN", check.getString("status"));
        assertEquals(200, http.get("api/health/live").status());
        assertEquals("UP", check(http.get("api/health/live").json(), "herald").getString("status"));

        Http.Answer publish = http.post("api/publish", "{\"topic\":\"x\",\"data\":1}");
        assertEquals(503, publish.status());
        assertEquals("unavailable", publish.json().getString("code"));
        // Stopping closed the WebSocket, telling the client the server went away.
        Admin.await(Duration.ofSeconds(5), "the WebSocket to close", () -> ws.closeCode() != null);
        assertEquals(1001, ws.closeCode());
      } finally {
        assertEquals(204, admin.post("hub/start", "").status());
      }
    }
    Http.Answer ready = http.get("api/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("UP", check(ready.json(), "herald-hub").getString("status"));
    if (onPayara()) {
      // The same checks reach Payara's MicroProfile Health at the server root (other servers keep
      // theirs elsewhere or have none: docs/servers.md, "What is where").
      Http.Answer mp = http.get("health/ready");
      assertEquals(200, mp.status(), mp.body());
      assertEquals("UP", check(mp.json(), "herald-hub").getString("status"));
    }
    assertEquals(200, http.get("api/health").status());
    assertEquals(201, http.post("api/publish", "{\"topic\":\"x\",\"data\":1}").status());
  }

  @Test
  void theAdminApiNeedsTheTokenOrRole() {
    Http.Answer none = http.as(null).get("api/admin/overview");
    assertEquals(401, none.status());
    assertEquals("application/problem+json", none.contentType());
    assertTrue(none.raw().headers().firstValue("WWW-Authenticate").isPresent());
    Http.Answer wrong =
        http.send(
            HttpRequest.newBuilder(http.uri("api/admin/hub/stop"))
                .header("X-Herald-Admin-Token", "not-it")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(401, wrong.status());
    assertEquals(200, http.get("api/health/ready").status(), "the hub was not stopped");

    Http.Answer ok = new Admin(http).get("overview");
    assertEquals(200, ok.status());
    assertEquals("herald-internal/admin", ok.json().getString("feed"));
    assertTrue(ok.json().getBoolean("running"));
  }

  @Test
  void anAdminCanPublishATestMessage() {
    String t = prefix + "m";
    Http.Answer a =
        new Admin(http).post("publish", "{\"topic\":\"" + t + "\",\"data\":{\"test\":true}}");
    assertEquals(201, a.status(), a.body());
    String id = a.json().getString("id");
    JsonObject body = http.get("api/messages?topic=" + t + "&since=earliest").json();
    assertEquals(java.util.List.of(id), Http.ids(body));
    Http.Answer bad = new Admin(http).post("publish", "{\"topic\":\"no spaces\",\"data\":1}");
    assertEquals(400, bad.status());
    assertEquals("bad-topic", bad.json().getString("code"));
  }

  @Test
  void theOpenApiDocumentDescribesTheRestApi() {
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(http.uri("openapi")).header("Accept", "application/json").GET());
    assertEquals(200, a.status(), a.body());
    JsonObject doc = a.json();
    assertEquals("Herald", doc.getJsonObject("info").getString("title"));
    JsonObject paths = doc.getJsonObject("paths");
    for (String p :
        new String[] {
          "/api/publish", "/api/messages", "/api/poll", "/api/sse", "/api/admin/overview"
        }) {
      assertTrue(paths.containsKey(p), "OpenAPI lists " + p + ": " + paths.keySet());
    }
  }

  /**
   * server-config/pre-boot-commands.asadmin turns off the X-Powered-By and Server headers before
   * boot; without it every answer says "Server: Payara Micro".
   */
  @Test
  void noResponseNamesTheServer() {
    for (String path :
        new String[] {
          "herald.js", "api/messages?topic=" + prefix + "s", "health", "metrics", "no-such-page"
        }) {
      for (Http.Answer a : new Http.Answer[] {http.get(path), http.as(null).get(path)}) {
        assertEquals(
            Optional.empty(),
            a.raw().headers().firstValue("X-Powered-By"),
            path + " answered " + a.status());
        assertEquals(
            Optional.empty(),
            a.raw().headers().firstValue("Server"),
            path + " answered " + a.status());
      }
    }
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }
}
