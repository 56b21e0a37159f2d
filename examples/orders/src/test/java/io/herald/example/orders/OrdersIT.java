package io.herald.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testclient.HeraldClient;
import io.herald.testclient.Message;
import io.herald.testclient.Subscription;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example on a managed Payara Micro (its own deployment of {@code target/orders.war}, the
 * archive Maven built, at {@code /orders}), checked from outside with {@code herald-test-client}: a
 * committed order reaches WebSocket, SSE, long poll and short poll subscribers exactly once; a
 * rolled-back one reaches none of them and is not stored (polls and {@code /api/history} are
 * empty). The rolled-back case holds only where Herald defers a publish fired inside a transaction
 * until it commits (issue 14); where it does not, it fails with the message that arrived.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrdersIT {
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @ArquillianResource private URL app;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("orders.war", "target/orders.war")));
  }

  private HeraldClient herald() {
    return HeraldClient.to(URI.create(app.toString()));
  }

  @Test
  void aCommittedOrderReachesEveryTransportOnce() throws Exception {
    String id = newId();
    String topic = OrderService.topic(id);
    HeraldClient herald = herald();
    try (Subscription ws = herald.webSocket(null, topic);
        Subscription sse = herald.sse(null, topic);
        Subscription longPoll = herald.longPolling(null, Duration.ofSeconds(5), topic);
        Subscription shortPoll = herald.shortPolling(null, Duration.ofMillis(200), topic)) {

      HttpResponse<String> placed = put("rest/orders/" + id, "{\"item\":\"tea\",\"quantity\":2}");
      assertEquals(201, placed.statusCode(), placed.body());

      List<Message> got = ws.awaitExactly(topic, 1, WITHIN);
      Message m = got.get(0);
      assertEquals("placed", m.event());
      assertEquals(id, m.data().asJsonObject().getString("id"));
      assertEquals("tea", m.data().asJsonObject().getString("item"));
      assertEquals(2, m.data().asJsonObject().getInt("quantity"));
      List<String> ids = List.of(m.id());
      sse.awaitIds(topic, ids, WITHIN);
      longPoll.awaitIds(topic, ids, WITHIN);
      shortPoll.awaitIds(topic, ids, WITHIN);
      assertEquals(ids, herald.history(topic).stream().map(Message::id).toList());
    }
    assertTrue(get("rest/orders").contains("\"id\":\"" + id + "\""), "stored");
  }

  @Test
  void aRolledBackOrderIsNeitherDeliveredNorStored() throws Exception {
    String id = newId();
    String topic = OrderService.topic(id);
    HeraldClient herald = herald();
    try (Subscription ws = herald.webSocket(null, topic, OrderService.FEED);
        Subscription sse = herald.sse(null, topic);
        Subscription longPoll = herald.longPolling(null, Duration.ofSeconds(5), topic);
        Subscription shortPoll = herald.shortPolling(null, Duration.ofMillis(200), topic)) {
      String from = shortPoll.cursor();

      HttpResponse<String> refused =
          put("rest/rejected-orders/" + id, "{\"item\":\"tea\",\"quantity\":2}");
      assertEquals(409, refused.statusCode(), refused.body());

      Duration quiet = Duration.ofSeconds(2);
      ws.assertNone(topic, quiet);
      assertTrue(
          ws.received(OrderService.FEED).stream()
              .noneMatch(m -> id.equals(m.data().asJsonObject().getString("id"))),
          "no feed message for the rolled-back order: " + ws.received());
      sse.assertNone(topic, Duration.ZERO);
      longPoll.assertNone(topic, Duration.ZERO);
      shortPoll.assertNone(topic, Duration.ZERO);
      assertEquals(List.of(), herald.messages(from, topic).messages());
      assertEquals(List.of(), herald.messages("earliest", topic).messages());
      assertEquals(List.of(), herald.history(topic));
    }
    assertTrue(!get("rest/orders").contains("\"id\":\"" + id + "\""), "not stored");
  }

  @Test
  void thePageAndHeraldJsAreServedUnderTheApplication() throws Exception {
    assertTrue(get("").contains("import { connect } from './herald.js'"));
    assertTrue(get("herald.js").startsWith("/*! herald.js"));
  }

  private static String newId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private HttpResponse<String> put(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(app + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(app + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }
}
