package io.herald.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.embedded.app.OrderResource;
import io.herald.embedded.app.ShopApplication;
import io.herald.testclient.HeraldClient;
import io.herald.testclient.Message;
import io.herald.testclient.Subscription;
import io.herald.testkit.Http;
import io.herald.testkit.ServerProcess;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Herald embedded in an application, as {@code docs/embedding.md} describes it: a WAR built here
 * with ShrinkWrap holding only the application's classes ({@link ShopApplication}, {@link
 * OrderResource}) and the {@code herald-ee} jar with the libraries it brings (taken from the
 * stand-alone WAR's {@code WEB-INF/lib}, as Maven would package them), deployed on its own Payara
 * Micro under the context root {@code /shop} with only {@code herald.security.public-topics} set.
 * Its log is {@code target/embedded-payara.log}. Delivery is checked as an application's own test
 * would, with herald-test-client.
 */
class EmbeddedIT {
  private static final String CONTEXT = "shop";
  private static ServerProcess server;
  private static int port;

  /** Anonymous: the embedded server trusts no token key. */
  private static Http http;

  @BeforeAll
  static void deploy() throws Exception {
    WebArchive standalone =
        ShrinkWrap.createFromZipFile(WebArchive.class, new File(ServerProcess.heraldWar()));
    WebArchive shop =
        ShrinkWrap.create(WebArchive.class, CONTEXT + ".war")
            .addClasses(ShopApplication.class, OrderResource.class);
    Map<ArchivePath, Node> libs = standalone.getContent(Filters.include("/WEB-INF/lib/.*\\.jar"));
    assertTrue(
        libs.keySet().stream().anyMatch(p -> p.get().startsWith("/WEB-INF/lib/herald-ee-")),
        "herald-ee in " + libs.keySet());
    libs.forEach((path, node) -> shop.add(node.getAsset(), path));
    Path war = Path.of("target", "embedded", CONTEXT + ".war").toAbsolutePath();
    Files.createDirectories(war.getParent());
    shop.as(ZipExporter.class).exportTo(war.toFile(), true);

    port = freePort();
    server =
        ServerProcess.start(
            "Payara Micro with " + war.getFileName(),
            List.of(
                ServerProcess.java(),
                "-XX:TieredStopAtLevel=1",
                // Nothing else configured: Herald's defaults, closed, except these topics.
                "-Dherald.security.public-topics=orders/**,demo/**",
                "-jar",
                ServerProcess.payaraMicroJar(),
                "--deploy",
                war.toString(),
                "--contextroot",
                CONTEXT,
                "--port",
                Integer.toString(port),
                "--nocluster",
                "--disablephonehome"),
            Path.of("target", "embedded-payara.log"));
    http = new Http(URI.create("http://127.0.0.1:" + port + "/" + CONTEXT + "/"), null);
    server.awaitReady(
        Duration.ofSeconds(120),
        Duration.ofMillis(500),
        () -> http.get("herald.js").status() == 200);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(Duration.ofSeconds(20));
    }
  }

  @Test
  void theClientScriptsAreServedUnderTheApplicationsContextRoot() {
    Http.Answer js = http.get("herald.js");
    assertEquals(200, js.status());
    assertTrue(js.contentType().startsWith("text/javascript"), js.contentType());
    assertTrue(js.body().startsWith("/*! herald.js"), js.body().substring(0, 40));
    assertEquals(200, http.get("herald.global.js").status());
    Http.Answer dts = http.get("herald.d.ts");
    assertEquals(200, dts.status());
    assertTrue(dts.body().contains("export"), "declarations");
  }

  @Test
  void whatTheApplicationPublishesThroughInjectedHeraldReachesWebSocketAndSse() {
    String topic = "orders/42";
    // What an application's own test does: herald-test-client, anonymous (the topics are public).
    HeraldClient herald = http.client();
    try (Subscription ws = herald.webSocket(null, topic);
        Subscription sse = herald.sse(null, topic)) {

      // The application's own JAX-RS application (/rest) beside Herald's (/api).
      Http.Answer placed = http.post("rest/orders/42", "");
      assertEquals(200, placed.status(), placed.body());
      String id = placed.json().getString("id");

      Message overWs = ws.awaitIds(topic, List.of(id), Duration.ofSeconds(10)).get(0);
      assertEquals("42", overWs.data().asJsonObject().getString("order"));
      Message overSse = sse.awaitIds(topic, List.of(id), Duration.ofSeconds(10)).get(0);
      assertEquals("42", overSse.data().asJsonObject().getString("order"));

      // Short polling under /shop/api sees the same one message.
      assertEquals(
          List.of(id),
          herald.messages("earliest", topic).messages().stream().map(Message::id).toList());
    }
  }

  @Test
  void heraldsHttpPublishStaysClosedWithoutTheApplicationsLogin() {
    Http.Answer refused = http.post("api/publish", "{\"topic\":\"orders/1\",\"data\":1}");
    assertEquals(401, refused.status(), refused.body());
    assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
  }

  @Test
  void heraldsResourcesAreNotServedUnderTheApplicationsOwnJaxRsPath() {
    // The application's Application scans the WAR, so without the guard Herald's short poll would
    // answer here, outside Herald's security filter.
    Http.Answer outside = http.get("rest/messages?topic=orders/1&since=earliest");
    assertEquals(404, outside.status(), outside.body());
    assertEquals(200, http.get("api/messages?topic=orders/1&since=earliest").status());
  }

  @Test
  void noDemoTopicPublishes() throws Exception {
    // The stand-alone demo publishes demo/prices every 500 ms; the library has no demo publishers.
    try (WsClient ws = WsClient.open(wsUri(), null, null)) {
      ws.subscribe(null, "demo/prices", "demo/system");
      assertNull(ws.poll(2_000), "a message on a demo topic");
    }
    JsonObject stored = http.get("api/messages?topic=demo/prices&since=earliest").json();
    assertEquals(List.of(), Http.ids(stored));
  }

  /** No token: the embedded server trusts no key, and the topics are public. */
  private static URI wsUri() {
    return URI.create("ws://127.0.0.1:" + port + "/" + CONTEXT + "/api/ws");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
