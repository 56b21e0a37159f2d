package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Request/response against the test application's {@link io.herald.it.app.Responder}: WebSocket
 * {@code request} frames and {@code POST /api/request}, replies, application failures, timeouts and
 * bad input. Loopback; timeouts of at most 300 ms.
 */
class RequestIT extends ContainerTest {

  @Test
  void aWebSocketRequestIsAnsweredWithItsRefInOrderOfReplies() throws Exception {
    try (WsClient ws = ws()) {
      ws.send(
          "{\"type\":\"request\",\"ref\":\"a\",\"topic\":\""
              + prefix
              + "later\",\"data\":1,\"timeout\":5000}");
      ws.send("{\"type\":\"request\",\"ref\":2,\"topic\":\"" + prefix + "echo\",\"data\":[1,2]}");
      JsonObject echo = ws.next();
      assertEquals("reply", echo.getString("type"));
      assertEquals(2, echo.getInt("ref"));
      assertEquals("[1,2]", echo.getJsonObject("data").get("echo").toString());
      assertEquals("websocket", echo.getJsonObject("data").getString("transport"));
      JsonObject later = ws.next();
      assertEquals("{\"type\":\"reply\",\"ref\":\"a\",\"data\":1}", later.toString());
    }
  }

  @Test
  void failuresTimeoutsAndBadInputAreErrorFramesAndTheConnectionCarriesOn() throws Exception {
    String t = prefix + "a";
    try (WsClient ws = ws()) {
      ws.subscribe(null, t);
      String[][] cases = {
        {
          "{\"type\":\"request\",\"ref\":1,\"topic\":\"" + prefix + "fail\",\"data\":1}",
          "out-of-stock",
          "none left"
        },
        {
          "{\"type\":\"request\",\"ref\":1,\"topic\":\""
              + prefix
              + "silent\",\"data\":1,\"timeout\":200}",
          "request-timeout",
          "no reply within 200 ms"
        },
        {
          "{\"type\":\"request\",\"ref\":1,\"topic\":\""
              + prefix
              + "echo\",\"data\":1,\"timeout\":0}",
          "bad-timeout",
          "timeout must be a whole number of milliseconds from 1 to 30000"
        },
        {
          "{\"type\":\"request\",\"ref\":1,\"topic\":\""
              + prefix
              + "echo\",\"data\":1,\"timeout\":\"1\"}",
          "bad-timeout",
          "timeout must be a whole number of milliseconds from 1 to 30000"
        },
        {"{\"type\":\"request\",\"ref\":1,\"topic\":\"a b\",\"data\":1}", "bad-topic", null},
        {
          "{\"type\":\"request\",\"ref\":1,\"topic\":\"" + prefix + "echo\"}",
          "missing-data",
          "data is required"
        },
        {
          "{\"type\":\"request\",\"ref\":1,\"topic\":\"herald-internal/echo\",\"data\":1}",
          "forbidden",
          null
        },
      };
      for (String[] c : cases) {
        ws.send(c[0]);
        JsonObject error = ws.next();
        assertEquals("error", error.getString("type"), c[0]);
        assertEquals(1, error.getInt("ref"), c[0]);
        assertEquals(c[1], error.getString("code"), c[0]);
        if (c[2] != null) {
          assertEquals(c[2], error.getString("message"), c[0]);
        }
      }
      ws.send("{\"type\":\"request\",\"topic\":\"" + prefix + "echo\",\"data\":1}");
      JsonObject noRef = ws.next();
      assertEquals("bad-request", noRef.getString("code"));
      assertEquals("a request needs a 'ref'", noRef.getString("message"));
      String id = http.publish(t, "1");
      assertEquals(id, ws.next("message").getString("id"));
    }
  }

  @Test
  void httpRequestsAreAnsweredSynchronously() {
    JsonObject ok =
        http.post(
                "api/request",
                "{\"topic\":\"" + prefix + "echo\",\"data\":{\"q\":1},\"timeout\":2000}")
            .json();
    assertEquals("{\"q\":1}", ok.getJsonObject("data").get("echo").toString());
    assertEquals("http", ok.getJsonObject("data").getString("transport"));
    assertProblem(
        http.post("api/request", "{\"topic\":\"" + prefix + "fail\",\"data\":1}"),
        422,
        "out-of-stock");
    assertProblem(
        http.post("api/request", "{\"topic\":\"" + prefix + "silent\",\"data\":1,\"timeout\":300}"),
        504,
        "request-timeout");
    assertProblem(
        http.post("api/request", "{\"topic\":\"" + prefix + "echo\",\"data\":1,\"timeout\":30001}"),
        400,
        "bad-timeout");
    assertProblem(http.post("api/request", "[1]"), 400, "bad-request");
    assertProblem(http.post("api/request", "{\"data\":1}"), 400, "bad-topic");
    assertProblem(http.post("api/request", "{nope"), 400, "bad-json");
  }
}
