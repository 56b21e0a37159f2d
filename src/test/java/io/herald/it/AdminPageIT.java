package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.BrowserTool;
import io.herald.testkit.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin page in real headless Chromium ({@code src/test/browser/admin.spec.mjs}): after the
 * operations scenario it must show the connection counts by transport and the topics' subscriber
 * counts the server holds, draw its chart, publish a test message and close a connection. Leaves a
 * screenshot in {@code target/admin-page.png}.
 */
class AdminPageIT extends ContainerTest {

  @Test
  void theAdminPageShowsTheScenarioLiveAndActsOnIt() throws Exception {
    String chromium = BrowserTool.chromium();
    Path work = BrowserTool.prepare();
    Admin admin = new Admin(http);
    JsonObject before = admin.get("overview").json();
    JsonObject open0 = before.getJsonObject("connections");
    Path shot = Path.of("target/admin-page.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    String publishTopic = prefix + "from-page";

    try (OpsScenario s = OpsScenario.run(this, http, prefix, open0.getInt("long-poll"))) {
      JsonObject expect =
          Json.createObjectBuilder()
              .add(
                  "connections",
                  Json.createObjectBuilder()
                      // At least the scenario's own; the page's WebSocket to the admin feed
                      // counts too.
                      .add("websocket", OpsScenario.WS + 1)
                      .add("sse", OpsScenario.SSE)
                      .add("long-poll", OpsScenario.LONG_POLL))
              .add(
                  "topics",
                  Json.createObjectBuilder()
                      .add(s.a, OpsScenario.WS + OpsScenario.SSE)
                      .add(s.b, OpsScenario.LONG_POLL))
              .add(
                  "minPublished",
                  before.getJsonNumber("published").longValue() + OpsScenario.PUBLISHED)
              .add("closeTransport", "long-poll")
              .add("publishTopic", publishTopic)
              .build();
      String out =
          BrowserTool.run(
              List.of("node", "admin.spec.mjs"),
              work,
              Map.of(
                  "HERALD_ADMIN_URL", base().resolve("admin/").toString(),
                  "HERALD_TOKEN", Admin.TOKEN,
                  "HERALD_OVERVIEW_URL", base().resolve("api/admin/overview").toString(),
                  "HERALD_EXPECT", expect.toString(),
                  "HERALD_SCREENSHOT", shot.toString(),
                  "CHROMIUM", chromium),
              120);
      assertTrue(out.contains("PASSED"), out);
      assertTrue(Files.size(shot) > 10_000, "screenshot written");

      // The page's Close button ended the parked long poll with an empty answer.
      Http.Answer answered = s.poll.get(10, TimeUnit.SECONDS);
      assertEquals(200, answered.status());
      assertEquals(List.of(), Http.ids(answered.json()));

      // The page's form published exactly one message, with the id it showed.
      JsonObject stored = http.get("api/messages?topic=" + publishTopic + "&since=earliest").json();
      List<String> ids = Http.ids(stored);
      assertEquals(1, ids.size());
      assertTrue(out.contains("RESULT published " + ids.get(0)), out);
      assertEquals(
          "admin page",
          stored.getJsonArray("messages").getJsonObject(0).getJsonObject("data").getString("from"));
    }
  }
}
