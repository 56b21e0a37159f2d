package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testkit.Http;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortPollIT extends ContainerTest {

  @Test
  void withoutSinceAnswersTheCurrentCursorAndNoMessages() {
    String id = http.publish(prefix + "a", "1");
    JsonObject body = http.get("api/messages?topic=" + prefix + "a").json();
    assertEquals(List.of(), Http.ids(body));
    assertEquals(
        List.of(), body.getJsonArray("gap").getValuesAs(jakarta.json.JsonString::getString));
    // The cursor is at least the last id (other tests publish concurrently).
    assertEquals(true, PublishIT.seq(body.getString("cursor")) >= PublishIT.seq(id));
  }

  @Test
  void sinceACursorReturnsExactlyTheLaterMessagesOfTheAskedTopicsInOrder() {
    String a = prefix + "a";
    String b = prefix + "b";
    String c = prefix + "c";
    String start = http.publish(a, "0");
    String m1 = http.publish(b, "1");
    http.publish(c, "2");
    String m3 = http.publish(a, "3");
    JsonObject body =
        http.get("api/messages?topic=" + a + "&topic=" + b + "&since=" + start).json();
    assertEquals(List.of(m1, m3), Http.ids(body));
    JsonObject next =
        http.get("api/messages?topic=" + a + "&topic=" + b + "&since=" + body.getString("cursor"))
            .json();
    assertEquals(List.of(), Http.ids(next), "the answered cursor resumes exactly after the answer");
    String m4 = http.publish(b, "4");
    assertEquals(
        List.of(m4),
        Http.ids(
            http.get(
                    "api/messages?topic="
                        + a
                        + "&topic="
                        + b
                        + "&since="
                        + body.getString("cursor"))
                .json()));
  }

  @Test
  void earliestReturnsEverythingRetained() {
    String x = http.publish(prefix + "a", "1");
    String y = http.publish(prefix + "a", "2");
    assertEquals(
        List.of(x, y),
        Http.ids(http.get("api/messages?topic=" + prefix + "a&since=earliest").json()));
  }

  @Test
  void aCursorFromAnotherHistoryIsAnsweredWithAGapAndEverythingRetained() {
    String x = http.publish(prefix + "a", "1");
    JsonObject body =
        http.get("api/messages?topic=" + prefix + "a&topic=" + prefix + "b&since=otherepoch-3")
            .json();
    assertEquals(List.of(x), Http.ids(body));
    assertEquals(
        List.of(prefix + "a", prefix + "b"),
        body.getJsonArray("gap").getValuesAs(jakarta.json.JsonString::getString));
  }

  @Test
  void historyEvictedAfterTheCursorIsReportedAsAGap() {
    String t = prefix + "many";
    String start = http.publish(t, "0");
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      batch
          .append(i > 0 ? "," : "")
          .append("{\"topic\":\"")
          .append(t)
          .append("\",\"data\":")
          .append(i)
          .append('}');
    }
    assertEquals(201, http.post("api/publish", batch.append(']').toString()).status());
    String last = http.publish(t, "1000");
    JsonObject body =
        http.get("api/messages?topic=" + t + "&topic=" + prefix + "quiet&limit=1000&since=" + start)
            .json();
    assertEquals(
        List.of(t), body.getJsonArray("gap").getValuesAs(jakarta.json.JsonString::getString));
    List<String> got = Http.ids(body);
    assertEquals(1000, got.size(), "the default history keeps 1000 per topic");
    assertEquals(last, got.get(got.size() - 1));
  }

  @Test
  void badQueriesAreProblems() {
    assertProblem(http.get("api/messages"), 400, "bad-topic");
    assertProblem(http.get("api/messages?topic=a%20b"), 400, "bad-topic");
    assertProblem(http.get("api/messages?topic=" + prefix + "a&since=nope"), 400, "bad-cursor");
    assertProblem(http.get("api/messages?topic=" + prefix + "a&since=abc-x"), 400, "bad-cursor");
  }
}
