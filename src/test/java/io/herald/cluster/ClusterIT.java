package io.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.cluster.Clients.Answer;
import io.herald.cluster.Clients.Event;
import io.herald.cluster.Clients.Sse;
import io.herald.store.redis.RedisServer;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Herald instances (Payara Micro processes) sharing one real Redis, with no sticky sessions:
 * publish on A and receive on B over every transport, resume on B from A's cursor, polls that
 * alternate instances, Redis restarting mid-stream, and A killed mid-stream; presence and its join
 * and leave events cluster-wide, and a killed instance's members vanishing within the TTL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static RedisServer redis;
  private static HeraldProcess a;
  private static HeraldProcess b;

  /** Holds "gone" on A until A is killed (test 5), for the presence TTL test (6). */
  private static WsClient heldOnA;

  @BeforeAll
  static void start() throws Exception {
    // Free ports reserved by the build (build-helper), so a second run on the box cannot collide.
    redis = new RedisServer(Integer.getInteger("it.cluster.redis.port", 18652)).start();
    a = new HeraldProcess(Integer.getInteger("it.cluster.a.port", 18610), redis.uri()).start();
    b = new HeraldProcess(Integer.getInteger("it.cluster.b.port", 18611), redis.uri()).start();
    a.awaitReady(Clients.HTTP);
    b.awaitReady(Clients.HTTP);
  }

  @AfterAll
  static void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(0)
  void aJoinOnAIsSeenOnBAndPresenceIsClusterWide() throws Exception {
    try (WsClient onB = Clients.ws(b.base())) {
      onB.send("{\"type\":\"subscribe\",\"topics\":[\"pr\"],\"presence\":true}");
      onB.next("subscribed");
      assertEquals("{\"type\":\"join\",\"topic\":\"pr\",\"count\":1}", onB.next().toString());
      WsClient onA = Clients.ws(a.base());
      onA.subscribe(null, "pr");
      assertEquals(
          "{\"type\":\"join\",\"topic\":\"pr\",\"count\":2}",
          onB.next().toString(),
          "A's join, counted over both instances");
      for (HeraldProcess instance : List.of(a, b)) {
        Answer p = Clients.presence(instance.base(), "pr");
        assertEquals("{\"topic\":\"pr\",\"count\":2}", p.body());
      }
      onA.close();
      assertEquals("{\"type\":\"leave\",\"topic\":\"pr\",\"count\":1}", onB.next().toString());
      assertEquals("{\"topic\":\"pr\",\"count\":1}", Clients.presence(a.base(), "pr").body());
    }
    heldOnA = Clients.ws(a.base());
    heldOnA.subscribe(null, "gone");
    assertEquals(
        "{\"topic\":\"gone\",\"count\":1}", awaitPresence(b, "gone", 1, 5), "counted on B");
  }

  /** B's presence answer for {@code topic} once it has {@code count}, or the last one. */
  private static String awaitPresence(HeraldProcess on, String topic, int count, int seconds)
      throws Exception {
    String want = "{\"topic\":\"" + topic + "\",\"count\":" + count + "}";
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String now = Clients.presence(on.base(), topic).body();
    while (!now.equals(want) && System.nanoTime() < end) {
      Thread.sleep(200);
      now = Clients.presence(on.base(), topic).body();
    }
    return now;
  }

  @Test
  @Order(1)
  void publishedOnAReachesBOverEveryTransport() throws Exception {
    String cursor = Clients.poll(b.base(), "p1", null, null).json().getString("cursor");
    CompletableFuture<Answer> longPoll =
        CompletableFuture.supplyAsync(() -> call(() -> Clients.poll(b.base(), "p1", cursor, 20)));
    try (Sse sse = new Sse(b.base(), "p1", null);
        WsClient ws = Clients.ws(b.base())) {
      assertNotNull(sse.next("subscribed", 10));
      ws.send("{\"type\":\"subscribe\",\"topics\":[\"p1\"]}");
      ws.next("subscribed");
      Thread.sleep(500); // lets the long poll park
      Answer published = Clients.publish(a.base(), "p1", "{\"n\":1}");
      assertEquals(201, published.status(), published.body());
      String id = published.json().getString("id");

      Event e = sse.next("m", 10);
      assertNotNull(e, "SSE on B got nothing");
      assertEquals(id, e.id());
      assertEquals("{\"n\":1}", e.json().get("data").toString());

      JsonObject frame = ws.next("message");
      assertEquals(id, frame.getString("id"));
      assertEquals("{\"n\":1}", frame.get("data").toString());

      Answer lp = longPoll.get(25, TimeUnit.SECONDS);
      assertEquals(200, lp.status(), lp.body());
      assertEquals(List.of(id), Clients.ids(lp.json().getJsonArray("messages")));

      Answer sp = Clients.poll(b.base(), "p1", cursor, null);
      assertEquals(List.of("{\"n\":1}"), Clients.data(sp.json()));
      assertEquals(id, sp.json().getString("cursor"));
    }
  }

  @Test
  @Order(2)
  void cursorTakenOnAResumesOnB() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(Clients.publish(a.base(), "r1", Integer.toString(i)).json().getString("id"));
    }
    Answer onA = Clients.poll(a.base(), "r1", "earliest", null);
    assertEquals(ids, Clients.ids(onA.json().getJsonArray("messages")));
    String second = ids.get(1);

    Answer onB = Clients.poll(b.base(), "r1", second, 5);
    assertEquals(List.of("3", "4", "5"), Clients.data(onB.json()));

    try (Sse sse = new Sse(b.base(), "r1", second)) {
      Event subscribed = sse.next("subscribed", 10);
      assertEquals(second, subscribed.id());
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Event e = sse.next("m", 10);
        assertNotNull(e);
        got.add(e.id());
      }
      assertEquals(ids.subList(2, 5), got);
    }
  }

  @Test
  @Order(3)
  void pollsAlternatingBetweenInstancesSeeEveryMessageOnceInOrder() throws Exception {
    int n = 60;
    String since = Clients.poll(a.base(), "alt", null, null).json().getString("cursor");
    CompletableFuture<Void> publisher =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 1; i <= n; i++) {
                HeraldProcess via = i % 2 == 0 ? a : b;
                String data = Integer.toString(i);
                Answer r = call(() -> Clients.publish(via.base(), "alt", data));
                if (r.status() != 201) {
                  throw new IllegalStateException(r.body());
                }
              }
            });
    List<String> got = new ArrayList<>();
    for (int round = 0; round < 400 && got.size() < n; round++) {
      HeraldProcess via = round % 2 == 0 ? b : a;
      Answer r = Clients.poll(via.base(), "alt", since, round % 3 == 0 ? null : 2);
      assertEquals(200, r.status(), r.body());
      got.addAll(Clients.data(r.json()));
      since = r.json().getString("cursor");
    }
    publisher.get(30, TimeUnit.SECONDS);
    assertEquals(expected(1, n), got);
  }

  @Test
  @Order(4)
  void redisRestartMidStreamKeepsClientsConnectedAndLosesNothing() throws Exception {
    try (Sse onA = new Sse(a.base(), "rr", null);
        Sse onB = new Sse(b.base(), "rr", null)) {
      assertNotNull(onA.next("subscribed", 10));
      assertNotNull(onB.next("subscribed", 10));
      List<String> accepted = new ArrayList<>();
      int refused = 0;
      for (int i = 1; i <= 40; i++) {
        if (i == 15) {
          redis.kill();
        }
        if (i == 24) {
          for (HeraldProcess instance : List.of(a, b)) {
            Answer ready = Clients.ready(instance.base());
            assertEquals(503, ready.status(), ready.body());
            assertTrue(ready.body().contains("unreachable"), ready.body());
          }
        }
        if (i == 25) {
          redis.start();
        }
        HeraldProcess via = i % 2 == 0 ? a : b;
        Answer r = Clients.publish(via.base(), "rr", Integer.toString(i));
        if (i >= 15 && i < 25) {
          assertEquals(503, r.status(), r.body());
          assertNotNull(r.retryAfter());
          assertTrue(r.body().contains("unavailable"), r.body());
          refused++;
          continue;
        }
        if (r.status() == 503) {
          // Just restarted: the instance may need a moment to reconnect.
          for (int t = 0; t < 50 && r.status() == 503; t++) {
            Thread.sleep(100);
            r = Clients.publish(via.base(), "rr", Integer.toString(i));
          }
        }
        assertEquals(201, r.status(), r.body());
        accepted.add(Integer.toString(i));
      }
      assertEquals(10, refused);
      for (HeraldProcess instance : List.of(a, b)) {
        assertEquals(
            200, Clients.ready(instance.base()).status(), "ready again once Redis is back");
      }
      assertEquals(accepted, data(onA, accepted.size()));
      assertEquals(accepted, data(onB, accepted.size()));
    }
  }

  @Test
  @Order(5)
  void clientsOfAKilledInstanceResumeOnTheOtherAndLoseNothing() throws Exception {
    int n = 80;
    List<String> got = new ArrayList<>();
    List<String> gotWs = new ArrayList<>();
    String last;
    String lastWs;
    try (Sse onA = new Sse(a.base(), "k1", null);
        WsClient wsOnA = Clients.ws(a.base())) {
      last = onA.next("subscribed", 10).id();
      wsOnA.send("{\"type\":\"subscribe\",\"topics\":[\"k1\"]}");
      lastWs = wsOnA.next("subscribed").getString("cursor");
      CompletableFuture<Void> publisher =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 1; i <= n; i++) {
                  String data = Integer.toString(i);
                  Answer r = call(() -> Clients.publish(b.base(), "k1", data));
                  if (r.status() != 201) {
                    throw new IllegalStateException(r.body());
                  }
                  sleep(10);
                }
              });
      for (int i = 0; i < 200 && got.size() < 20; i++) {
        Event e = onA.next(10);
        assertNotNull(e);
        if (e.name().equals("m")) {
          got.add(e.json().get("data").toString());
          last = e.id();
        }
      }
      // The WebSocket client reads on its own thread: let it see its first 20 too before the kill.
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          gotWs.size() < 20 && System.nanoTime() < end; ) {
        JsonObject f = wsOnA.poll(100);
        if (f != null && f.getString("type").equals("message")) {
          gotWs.add(f.get("data").toString());
          lastWs = f.getString("id");
        }
      }
      a.kill();
      // Whatever A had already written may still be in the socket: read it to the end.
      for (Event e = onA.next(10); e != null && !e.name().equals("eof"); e = onA.next(10)) {
        if (e.name().equals("m")) {
          got.add(e.json().get("data").toString());
          last = e.id();
        }
      }
      publisher.get(30, TimeUnit.SECONDS);
      for (JsonObject f = wsOnA.poll(0); f != null; f = wsOnA.poll(0)) {
        if (f.getString("type").equals("message")) {
          gotWs.add(f.get("data").toString());
          lastWs = f.getString("id");
        }
      }
    }
    assertTrue(gotWs.size() >= 20, "the WebSocket client saw the stream before the kill");
    try (Sse onB = new Sse(b.base(), "k1", last)) {
      assertEquals(last, onB.next("subscribed", 10).id());
      got.addAll(data(onB, n - got.size()));
    }
    assertEquals(expected(1, n), got);
    try (WsClient wsOnB = Clients.ws(b.base())) {
      wsOnB.subscribe(lastWs, "k1");
      for (JsonObject f : wsOnB.messages(n - gotWs.size())) {
        gotWs.add(f.get("data").toString());
      }
    }
    assertEquals(expected(1, n), gotWs);
  }

  @Test
  @Order(6)
  void aKilledInstancesMembersVanishWithinTheTtl() throws Exception {
    // A was killed in the previous test while a WebSocket on it held "gone" (counted on B in test
    // 0). A killed instance sends no leave: its members expire from Redis 30 s after its last
    // refresh.
    assertEquals("{\"topic\":\"gone\",\"count\":0}", awaitPresence(b, "gone", 0, 45));
    heldOnA.abort();
  }

  private static List<String> data(Sse sse, int count) throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (out.size() < count) {
      Event e = sse.next("m", 15);
      if (e == null || e.name().equals("eof")) {
        break;
      }
      out.add(e.json().get("data").toString());
    }
    return out;
  }

  private static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  private static <T> T call(Call<T> c) {
    try {
      return c.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
