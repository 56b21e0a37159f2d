package io.herald.it;

import static io.herald.it.PublishIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LongPollIT extends ContainerTest {

  @Test
  void aParkedPollAnswersAsSoonAsAMessageArrives() throws Exception {
    String t = prefix + "a";
    String cursor = http.get("api/messages?topic=" + t).json().getString("cursor");
    CompletableFuture<Http.Answer> poll =
        CompletableFuture.supplyAsync(
            () -> http.get("api/poll?topic=" + t + "&since=" + cursor + "&timeout=30"));
    Thread.sleep(500);
    assertFalse(poll.isDone(), "nothing to answer yet");
    long sent = System.nanoTime();
    String id = http.publish(t, "{\"x\":1}");
    Http.Answer a = poll.get(10, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(5));
    assertEquals(200, a.status());
    assertEquals(List.of(id), Http.ids(a.json()));
    assertEquals(id, a.json().getString("cursor"));
  }

  @Test
  void pendingMessagesAreAnsweredAtOnceInOneBatch() {
    String t = prefix + "a";
    String start = http.publish(t, "0");
    String m1 = http.publish(t, "1");
    String m2 = http.publish(t, "2");
    long t0 = System.nanoTime();
    JsonObject body = http.get("api/poll?topic=" + t + "&since=" + start + "&timeout=30").json();
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    assertEquals(List.of(m1, m2), Http.ids(body));
  }

  @Test
  void aTimeoutAnswersNoMessagesAndAUsableCursor() {
    String t = prefix + "a";
    String start = http.publish(t, "0");
    long t0 = System.nanoTime();
    Http.Answer a = http.get("api/poll?topic=" + t + "&since=" + start + "&timeout=1");
    long took = System.nanoTime() - t0;
    assertEquals(200, a.status(), a.body());
    assertEquals(List.of(), Http.ids(a.json()));
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(900), "waited for the timeout");
    String next = http.publish(t, "1");
    assertEquals(
        List.of(next),
        Http.ids(
            http.get(
                    "api/poll?topic=" + t + "&since=" + a.json().getString("cursor") + "&timeout=5")
                .json()));
    Http.Answer zero = http.get("api/poll?topic=" + t + "&since=" + next + "&timeout=0");
    assertEquals(List.of(), Http.ids(zero.json()));
  }

  @Test
  void chainedPollsSeeEveryMessageOnceInOrderWhilePublishing() throws Exception {
    String t = prefix + "stream";
    String cursor = http.get("api/messages?topic=" + t).json().getString("cursor");
    int total = 300;
    CompletableFuture<List<String>> published =
        CompletableFuture.supplyAsync(
            () -> {
              List<String> ids = new ArrayList<>();
              for (int i = 0; i < total; i++) {
                ids.add(http.publish(t, Integer.toString(i)));
              }
              return ids;
            });
    List<String> received = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received.size() < total && System.nanoTime() < deadline) {
      JsonObject body = http.get("api/poll?topic=" + t + "&since=" + cursor + "&timeout=5").json();
      received.addAll(Http.ids(body));
      cursor = body.getString("cursor");
    }
    assertEquals(published.get(30, TimeUnit.SECONDS), received);
  }

  @Test
  void badQueriesAreProblems() {
    assertProblem(http.get("api/poll"), 400, "bad-topic");
    assertProblem(http.get("api/poll?topic=" + prefix + "a&timeout=61"), 400, "bad-timeout");
    assertProblem(http.get("api/poll?topic=" + prefix + "a&timeout=-1"), 400, "bad-timeout");
    assertProblem(http.get("api/poll?topic=" + prefix + "a&timeout=soon"), 400, "bad-timeout");
    assertProblem(http.get("api/poll?topic=" + prefix + "a&since=zz"), 400, "bad-cursor");
  }
}
