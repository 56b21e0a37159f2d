package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Paged history (issues 15 and 18): short and long polls answer one page ({@code limit}, the 1 MiB
 * byte cap, {@code more}); {@code GET /api/history} and the WebSocket {@code history} frame page
 * forwards and backwards; bad input is an exact problem or error frame; a short poll is bounded in
 * topics like the other transports.
 */
class HistoryIT extends ContainerTest {

  /** Publishes {@code n} small messages to {@code topic} in one batch; returns their ids. */
  private List<String> publish(String topic, int n) {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      batch.append(i > 0 ? "," : "").append("{\"topic\":\"" + topic + "\",\"data\":" + i + "}");
    }
    Http.Answer a = http.post("api/publish", batch.append(']').toString());
    assertEquals(201, a.status(), a.body());
    return a.json().getJsonArray("ids").getValuesAs(jakarta.json.JsonString::getString);
  }

  /** Follows {@code cursor} while {@code more}; returns every id read and the pages' sizes. */
  private static List<String> followPolls(
      Function<String, JsonObject> poll, String since, List<Integer> sizes) {
    List<String> ids = new ArrayList<>();
    String cursor = since;
    while (true) {
      JsonObject page = poll.apply(cursor);
      List<String> got = Http.ids(page);
      sizes.add(got.size());
      ids.addAll(got);
      cursor = page.getString("cursor");
      if (!page.getBoolean("more")) {
        return ids;
      }
      assertEquals(got.get(got.size() - 1), cursor, "a cut page continues after its last message");
    }
  }

  @Test
  void shortPollsPageByLimitWithNothingLostOrRepeated() {
    String t = prefix + "a";
    List<String> all = publish(t, 7);
    List<Integer> sizes = new ArrayList<>();
    List<String> read =
        followPolls(
            since -> http.get("api/messages?topic=" + t + "&limit=3&since=" + since).json(),
            "earliest",
            sizes);
    assertEquals(all, read);
    assertEquals(List.of(3, 3, 1), sizes);
  }

  @Test
  void withoutALimitAShortPollAnswersAHundred() {
    String t = prefix + "a";
    List<String> all = publish(t, 150);
    JsonObject first = http.get("api/messages?topic=" + t + "&since=earliest").json();
    assertEquals(all.subList(0, 100), Http.ids(first));
    assertTrue(first.getBoolean("more"));
    JsonObject second =
        http.get("api/messages?topic=" + t + "&since=" + first.getString("cursor")).json();
    assertEquals(all.subList(100, 150), Http.ids(second));
    assertFalse(second.getBoolean("more"));
  }

  @Test
  void longPollsPageTheSameWay() {
    String t = prefix + "a";
    List<String> all = publish(t, 5);
    List<Integer> sizes = new ArrayList<>();
    List<String> read =
        followPolls(
            since -> http.get("api/poll?topic=" + t + "&timeout=0&limit=2&since=" + since).json(),
            "earliest",
            sizes);
    assertEquals(all, read);
    assertEquals(List.of(2, 2, 1), sizes);
  }

  @Test
  void theByteCapCutsBigPagesAndTheRestFollows() {
    String t = prefix + "big";
    String data = "\"" + "x".repeat(60_000) + "\"";
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(http.publish(t, data));
    }
    Http.Answer first = http.get("api/messages?topic=" + t + "&limit=1000&since=earliest");
    JsonObject body = first.json();
    int n = Http.ids(body).size();
    assertTrue(body.getBoolean("more"), "1.2 MB does not fit one page");
    assertTrue(n >= 15 && n <= 17, "about 1 MiB of 60 KB messages: " + n);
    assertTrue(first.body().length() <= 1_048_576 + 4096, "body " + first.body().length());
    List<Integer> sizes = new ArrayList<>();
    List<String> rest =
        followPolls(
            since -> http.get("api/messages?topic=" + t + "&limit=1000&since=" + since).json(),
            body.getString("cursor"),
            sizes);
    List<String> read = new ArrayList<>(Http.ids(body));
    read.addAll(rest);
    assertEquals(all, read);
  }

  @Test
  void historyPagesForwardAndBackward() {
    String t = prefix + "a";
    List<String> all = publish(t, 5);
    JsonObject p1 = http.get("api/history?topic=" + t + "&limit=2").json();
    assertEquals(all.subList(0, 2), Http.ids(p1));
    assertEquals(all.get(1), p1.getString("next"));
    JsonObject p2 = http.get("api/history?topic=" + t + "&limit=2&since=" + all.get(1)).json();
    assertEquals(all.subList(2, 4), Http.ids(p2));
    JsonObject p3 = http.get("api/history?topic=" + t + "&limit=2&since=" + all.get(3)).json();
    assertEquals(all.subList(4, 5), Http.ids(p3));
    assertEquals(JsonValue.NULL, p3.get("next"));

    JsonObject r1 = http.get("api/history?topic=" + t + "&limit=2&reverse=true").json();
    assertEquals(List.of(all.get(4), all.get(3)), Http.ids(r1));
    assertEquals(all.get(3), r1.getString("next"));
    JsonObject r2 =
        http.get("api/history?topic=" + t + "&limit=2&reverse=true&since=" + all.get(3)).json();
    assertEquals(List.of(all.get(2), all.get(1)), Http.ids(r2));
    JsonObject r3 =
        http.get("api/history?topic=" + t + "&limit=2&reverse=true&since=" + all.get(1)).json();
    assertEquals(List.of(all.get(0)), Http.ids(r3));
    assertEquals(JsonValue.NULL, r3.get("next"));
    assertEquals(0, r3.getJsonArray("gap").size());
  }

  @Test
  void historyIsGuardedLikeASubscription() {
    String t = prefix + "private";
    publish(t, 1);
    assertProblem(http.as(null).get("api/history?topic=" + t), 401, "unauthenticated");
    Http other = http.as(Tokens.of("eve", List.of(prefix + "x"), List.of(), Duration.ofHours(1)));
    assertProblem(other.get("api/history?topic=" + t), 403, "forbidden");
  }

  @Test
  void badPagingInputIsAProblem() {
    String t = prefix + "a";
    for (String path : List.of("api/messages", "api/poll", "api/history")) {
      for (String bad : List.of("0", "1001", "-3", "ten", "")) {
        String q = path + "?topic=" + t + "&timeout=0&limit=" + bad;
        assertProblem(http.get(q), 400, "bad-limit");
      }
    }
    assertProblem(http.get("api/history?topic=" + t + "&reverse=yes"), 400, "bad-reverse");
    assertProblem(http.get("api/history?topic=" + t + "&since=nope"), 400, "bad-cursor");
    assertProblem(http.get("api/history"), 400, "bad-topic");
  }

  @Test
  void aShortPollNamesAtMostTheTopicLimit() {
    StringBuilder q = new StringBuilder("api/messages?since=earliest");
    for (int i = 0; i < 100; i++) {
      q.append("&topic=").append(prefix).append(i);
    }
    assertEquals(200, http.get(q.toString()).status());
    q.append("&topic=").append(prefix).append("one-too-many");
    assertProblem(http.get(q.toString()), 400, "too-many-topics");
    assertProblem(
        http.get(q.toString().replace("api/messages", "api/history")), 400, "too-many-topics");
  }

  @Test
  void theWebSocketHistoryFrameAnswersWithItsRef() {
    String t = prefix + "a";
    List<String> all = publish(t, 3);
    try (WsClient ws = ws()) {
      ws.send(
          "{\"type\":\"history\",\"ref\":7,\"topics\":[\""
              + t
              + "\"],\"limit\":2,\"reverse\":true}");
      JsonObject page = ws.next("history");
      assertEquals(7, page.getInt("ref"));
      assertEquals(List.of(all.get(2), all.get(1)), Http.ids(page));
      assertEquals(all.get(1), page.getString("next"));
      ws.send(
          "{\"type\":\"history\",\"ref\":\"b\",\"topics\":[\""
              + t
              + "\"],\"since\":\""
              + all.get(1)
              + "\",\"reverse\":true}");
      JsonObject last = ws.next("history");
      assertEquals("b", last.getString("ref"));
      assertEquals(List.of(all.get(0)), Http.ids(last));
      assertEquals(JsonValue.NULL, last.get("next"));
      ws.send("{\"type\":\"history\",\"ref\":8,\"topics\":[\"" + t + "\"],\"limit\":0}");
      JsonObject error = ws.next("error");
      assertEquals(8, error.getInt("ref"));
      assertEquals("bad-limit", error.getString("code"));
      ws.send("{\"type\":\"history\",\"ref\":9,\"topics\":[\"" + t + "\"],\"reverse\":\"no\"}");
      assertEquals("bad-reverse", ws.next("error").getString("code"));
    }
  }
}
