package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A subscribe flood on the shared deployment, bounded in time (a few seconds) and size: frames past
 * the subscribe rate (20/s, burst 40) are refused with {@code rate-limited}, a client that floods
 * {@code subscribe(since: earliest)}/{@code unsubscribe} against 1,000 retained messages without
 * reading leaves the heap where it was, and an honest subscriber of the same topic gets every
 * message in order meanwhile.
 */
class FloodIT extends ContainerTest {
  private static final long MIB = 1024 * 1024;

  /** Retains {@code n} small messages on {@code topic} (atomic batches of 250). */
  private void retain(String topic, int n) {
    for (int done = 0; done < n; done += 250) {
      StringJoiner batch = new StringJoiner(",", "[", "]");
      for (int i = 0; i < 250; i++) {
        batch.add("{\"topic\":\"" + topic + "\",\"data\":{\"n\":" + (done + i) + "}}");
      }
      assertEquals(201, http.post("api/publish", batch.toString()).status());
    }
  }

  private long heapAfterGc() {
    return http.get("api/test/diag?gc=true").json().getJsonNumber("heap").longValue();
  }

  @Test
  void subscribeFramesPastTheBurstAreRateLimitedAndTheConnectionStays() throws Exception {
    String topic = prefix + "chat";
    try (WsClient flood = ws()) {
      long start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        flood.send("{\"type\":\"subscribe\",\"ref\":" + i + ",\"topics\":[\"" + topic + "\"]}");
      }
      double sending = (System.nanoTime() - start) / 1e9;
      int subscribed = 0;
      int limited = 0;
      for (int i = 0; i < 1000; i++) {
        JsonObject f = flood.next();
        if ("subscribed".equals(f.getString("type"))) {
          subscribed++;
        } else {
          assertEquals("error", f.getString("type"), f.toString());
          assertEquals("rate-limited", f.getString("code"));
          limited++;
        }
      }
      // The server may still be working through the frames after the last was sent: its
      // bucket refills until it answers the last one.
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "FloodIT: 1000 subscribe frames sent in %.0f ms, answered in %.0f ms -> %d subscribed,"
              + " %d rate-limited%n",
          sending * 1000, seconds * 1000, subscribed, limited);
      assertEquals(1000, subscribed + limited);
      assertTrue(
          subscribed <= 40 + Math.ceil(20 * seconds) + 1,
          subscribed + " subscribed in " + seconds + " s");
      assertTrue(limited > 0);
      flood.send("{\"type\":\"ping\"}");
      assertEquals("pong", flood.next().getString("type"));
      assertEquals(null, flood.closeCode());
    }
  }

  @Test
  void aNonReadingResubscribeFloodLeavesTheHeapAndOtherSubscribersAlone() throws Exception {
    String topic = prefix + "chat";
    retain(topic, 1000);
    long before = heapAfterGc();
    try (WsClient honest = ws()) {
      honest.subscribe(null, topic);
      WebSocket flood = nonReading();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      int pairs = 0;
      List<String> sent = new ArrayList<>();
      while (System.nanoTime() < end) {
        try {
          flood
              .sendText(
                  "{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"],\"since\":\"earliest\"}",
                  true)
              .get(2, TimeUnit.SECONDS);
          flood
              .sendText("{\"type\":\"unsubscribe\",\"topics\":[\"" + topic + "\"]}", true)
              .get(2, TimeUnit.SECONDS);
        } catch (Exception closedOrStuck) {
          break; // the server dropped the flooding client: that is a refusal too
        }
        pairs++;
        if (pairs % 50 == 0) {
          sent.add(http.publish(topic, "{\"live\":" + pairs + "}"));
        }
      }
      long during = heapAfterGc();
      flood.abort();
      Thread.sleep(500);
      long after = heapAfterGc();
      System.out.printf(
          "FloodIT: %d subscribe/unsubscribe pairs in 5 s; heap after GC %d MiB before, %d MiB"
              + " during (+%d), %d MiB after the client left%n",
          pairs, before / MIB, during / MIB, (during - before) / MIB, after / MIB);
      List<JsonObject> got = honest.messages(sent.size());
      assertEquals(sent, got.stream().map(m -> m.getString("id")).toList());
      assertTrue(during - before < 64 * MIB, "heap grew " + (during - before) / MIB + " MiB");
      assertTrue(after - before < 32 * MIB, "heap kept " + (after - before) / MIB + " MiB");
    }
  }

  /** A WebSocket that never asks for a frame: the server's writes to it back up. */
  private WebSocket nonReading() {
    URI uri = URI.create(base().resolve("api/ws").toString().replaceFirst("^http", "ws"));
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + Tokens.full())
        .buildAsync(
            uri,
            new WebSocket.Listener() {
              @Override
              public void onOpen(WebSocket ws) {
                // No request(1): this client reads nothing.
              }
            })
        .join();
  }
}
