package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PublishIT extends ContainerTest {
  static final Pattern CURSOR = Pattern.compile("[a-z0-9]+-[0-9]+");
  static final Pattern RFC3339_UTC =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

  @Test
  void publishStoresTheMessageWithAnId() {
    Http.Answer a =
        http.post(
            "api/publish", "{\"topic\":\"" + prefix + "a\",\"data\":{\"n\":1,\"s\":\"é\\n\"}}");
    assertEquals(201, a.status());
    assertTrue(a.contentType().startsWith("application/json"), a.contentType());
    String id = a.json().getString("id");
    assertTrue(CURSOR.matcher(id).matches(), id);

    JsonObject m =
        onlyMessage(http.get("api/messages?topic=" + prefix + "a&since=earliest").json());
    assertEquals(id, m.getString("id"));
    assertEquals(prefix + "a", m.getString("topic"));
    assertEquals("message", m.getString("event"));
    assertEquals(1, m.getJsonObject("data").getInt("n"));
    assertEquals("é\n", m.getJsonObject("data").getString("s"));
    assertTrue(RFC3339_UTC.matcher(m.getString("time")).matches(), m.getString("time"));
  }

  @Test
  void anArrayIsPublishedAtomicallyInOrder() {
    Http.Answer a =
        http.post(
            "api/publish",
            "[{\"topic\":\""
                + prefix
                + "a\",\"data\":1},"
                + "{\"topic\":\""
                + prefix
                + "b\",\"event\":\"tick\",\"data\":\"two\"},"
                + "{\"topic\":\""
                + prefix
                + "a\",\"data\":[3]}]");
    assertEquals(201, a.status(), a.body());
    List<String> ids = a.json().getJsonArray("ids").getValuesAs(jakarta.json.JsonString::getString);
    assertEquals(3, ids.size());
    long first = seq(ids.get(0));
    assertEquals(List.of(first, first + 1, first + 2), ids.stream().map(PublishIT::seq).toList());

    JsonArray got =
        http.get("api/messages?topic=" + prefix + "a&topic=" + prefix + "b&since=earliest")
            .json()
            .getJsonArray("messages");
    assertEquals(
        ids, got.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList());
    assertEquals("tick", got.getJsonObject(1).getString("event"));
  }

  @Test
  void aBatchWithOneBadMessageStoresNothing() {
    Http.Answer a =
        http.post(
            "api/publish",
            "[{\"topic\":\"" + prefix + "a\",\"data\":1},{\"topic\":\"bad topic\",\"data\":2}]");
    assertProblem(a, 400, "bad-topic");
    assertTrue(a.json().getString("detail").startsWith("message 1: "), a.body());
    assertEquals(
        0,
        http.get("api/messages?topic=" + prefix + "a&since=earliest")
            .json()
            .getJsonArray("messages")
            .size());
  }

  @Test
  void badBodiesGetProblemDetails() {
    String t = prefix + "x";
    Object[][] cases = {
      {"{\"topic\":", "bad-json"},
      {"", "bad-json"},
      {"nonsense", "bad-json"},
      {"[]", "bad-request"},
      {"\"text\"", "bad-request"},
      {"[1]", "bad-request"},
      {"{\"data\":1}", "bad-request"},
      {"{\"topic\":123,\"data\":1}", "bad-request"},
      {"{\"topic\":\"a b\",\"data\":1}", "bad-topic"},
      {"{\"topic\":\"" + "x".repeat(129) + "\",\"data\":1}", "bad-topic"},
      {"{\"topic\":\"" + t + "\"}", "missing-data"},
      {"{\"topic\":\"" + t + "\",\"event\":\"gap\",\"data\":1}", "bad-event"},
      {"{\"topic\":\"" + t + "\",\"event\":\"with space\",\"data\":1}", "bad-event"},
    };
    for (Object[] c : cases) {
      assertProblem(http.post("api/publish", (String) c[0]), 400, (String) c[1]);
    }
    assertEquals(
        0,
        http.get("api/messages?topic=" + t + "&since=earliest")
            .json()
            .getJsonArray("messages")
            .size());
  }

  @Test
  void observersCanRejectOrTransformClientPublishes() {
    Http.Answer rejected =
        http.post("api/publish", "{\"topic\":\"guarded/" + prefix + "a\",\"data\":\"forbidden\"}");
    assertProblem(rejected, 422, "rejected");
    assertEquals("forbidden word", rejected.json().getString("detail"));

    http.publish("shout", "\"hello " + prefix + "\"");
    JsonArray shouted =
        http.get("api/messages?topic=shout&since=earliest").json().getJsonArray("messages");
    String last = shouted.getJsonObject(shouted.size() - 1).getString("data");
    assertEquals(("hello " + prefix).toUpperCase(java.util.Locale.ROOT), last);
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() {
    assertProblem(http.get("api/nothing-here"), 404, "http-404");
    assertProblem(http.get("api/publish"), 405, "http-405");
  }

  static long seq(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
  }

  static JsonObject onlyMessage(JsonObject pollBody) {
    JsonArray messages = pollBody.getJsonArray("messages");
    assertEquals(1, messages.size(), pollBody.toString());
    return messages.getJsonObject(0);
  }

  static void assertProblem(Http.Answer a, int status, String code) {
    assertEquals(status, a.status(), a.body());
    assertEquals("application/problem+json", a.contentType(), a.body());
    JsonObject p = a.json();
    assertEquals(status, p.getInt("status"));
    assertEquals(code, p.getString("code"), a.body());
    assertEquals("urn:herald:problem:" + code, p.getString("type"));
    assertTrue(!p.getString("title").isEmpty() && !p.getString("detail").isEmpty(), a.body());
  }
}
