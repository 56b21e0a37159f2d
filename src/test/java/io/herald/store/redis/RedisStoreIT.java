package io.herald.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.Settings;
import io.herald.hub.Cursor;
import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.Outbox;
import io.herald.hub.Page;
import io.herald.hub.ReadResult;
import io.herald.hub.Resumed;
import io.herald.hub.Subscriber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis store against a real Redis server, with two hubs ("instances") in this JVM sharing it:
 * ordering and exactly-once across instances, cursors, count and age limits, and Redis going away.
 */
class RedisStoreIT extends RedisTest {
  private static int run;

  private final List<Node> nodes = new ArrayList<>();
  private final String prefix = "it" + (++run) + ":";

  @AfterEach
  void stopNodes() {
    nodes.forEach(Node::close);
  }

  @Test
  void messagesPublishedOnEitherInstanceReachBothInOneOrderExactlyOnce() throws Exception {
    Node a = node(1000);
    Node b = node(1000);
    Recorder onA = a.subscribe("t", null);
    Recorder onB = b.subscribe("t", null);
    for (int i = 1; i <= 200; i++) {
      (i % 2 == 0 ? a : b).hub.publish(new Draft("t", "e", Integer.toString(i)));
    }
    List<String> expected = IntStream.rangeClosed(1, 200).mapToObj(Integer::toString).toList();
    await(() -> onA.data().size() >= 200 && onB.data().size() >= 200);
    assertEquals(expected, onA.data());
    assertEquals(expected, onB.data());
    assertEquals(onA.ids(), onB.ids());
    assertEquals(a.hub.position().epoch(), b.hub.position().epoch());
  }

  @Test
  void concurrentPublishersOnBothInstancesYieldOneGaplessOrderEverywhere() throws Exception {
    Node a = node(1000);
    Node b = node(1000);
    Recorder onA = a.subscribe("t", null);
    Recorder onB = b.subscribe("t", null);
    ExecutorService publishers = Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Node via = t % 2 == 0 ? a : b;
        int thread = t;
        done.add(
            publishers.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    via.hub.publish(new Draft("t", "e", "\"" + thread + "-" + i + "\""));
                  }
                }));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      publishers.shutdownNow();
    }
    await(() -> onA.data().size() >= 200 && onB.data().size() >= 200);
    assertEquals(onA.ids(), onB.ids());
    assertEquals(onA.data(), onB.data());
    long first = Cursor.parse(onA.ids().get(0)).seq();
    for (int i = 0; i < 200; i++) {
      assertEquals(first + i, Cursor.parse(onA.ids().get(i)).seq());
    }
    for (int t = 0; t < 4; t++) {
      String thread = "\"" + t + "-";
      List<String> mine = onA.data().stream().filter(d -> d.startsWith(thread)).toList();
      assertEquals(
          IntStream.range(0, 50).mapToObj(i -> thread + i + "\"").toList(),
          mine,
          "each publisher's messages in its order");
    }
  }

  @Test
  void cursorFromOneInstanceResumesOnTheOther() throws Exception {
    Node a = node(1000);
    Node b = node(1000);
    for (int i = 1; i <= 5; i++) {
      a.hub.publish(new Draft(i % 2 == 0 ? "x" : "t", "e", Integer.toString(i)));
    }
    await(() -> a.history.delivered() == 5 && b.history.delivered() == 5);
    ReadResult first = a.hub.read(List.of("t"), Cursor.EARLIEST);
    assertEquals(List.of("1", "3", "5"), data(first.messages()));
    Message second = first.messages().get(1);
    a.hub.publish(new Draft("t", "e", "6"));
    await(() -> b.history.delivered() == 6);
    ReadResult onB = b.hub.read(List.of("t"), second.id().toString());
    assertEquals(List.of("5", "6"), data(onB.messages()));
    assertEquals(List.of(), onB.gap());
    Recorder r = b.subscribe("t", first.cursor().toString());
    await(() -> r.data().size() >= 1);
    assertEquals(List.of("6"), r.data());
  }

  @Test
  void countLimitPerTopicIsSharedAndReportedAsAGap() throws Exception {
    Node a = node(3);
    Node b = node(3);
    List<Message> sent = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      sent.add(a.hub.publish(new Draft("t", "e", Integer.toString(i))));
    }
    await(() -> b.history.delivered() == 6);
    ReadResult all = b.hub.read(List.of("t"), Cursor.EARLIEST);
    assertEquals(List.of("4", "5", "6"), data(all.messages()));
    assertEquals(List.of(), all.gap());
    ReadResult after2 = b.hub.read(List.of("t"), sent.get(1).id().toString());
    assertEquals(List.of("4", "5", "6"), data(after2.messages()));
    assertEquals(List.of("t"), after2.gap());
    ReadResult after3 = b.hub.read(List.of("t"), sent.get(2).id().toString());
    assertEquals(List.of(), after3.gap());
  }

  @Test
  void ageLimitTrimsAndReportsAGap() throws Exception {
    Node a = node(1000);
    Message m1 = a.hub.publish(new Draft("t", "e", "1"));
    a.hub.publish(new Draft("t", "e", "2"));
    await(() -> a.history.delivered() == 2);
    Instant later = Instant.now().plus(Duration.ofHours(2));
    ReadResult r = a.history.read(List.of("t"), new Cursor(m1.id().epoch(), 0), later);
    assertEquals(List.of(), r.messages());
    assertEquals(List.of("t"), r.gap());
    a.history.expire(later, t -> false);
    try (JedisPooled j = client()) {
      assertEquals(0, j.xlen(prefix + "t:t"));
    }
    ReadResult now = a.history.read(List.of("t"), m1.id(), Instant.now());
    assertEquals(List.of("t"), now.gap());
  }

  @Test
  void idleTopicsAndAllTheirKeysAreReclaimedAndAnOldCursorStillGetsTheGap() throws Exception {
    Node a = node(1000);
    int topics = 2 * RedisHistory.EXPIRY_SLICE + 10;
    List<Message> sent = new ArrayList<>();
    for (int i = 0; i < topics; i++) {
      sent.add(a.hub.publish(new Draft("idle/" + i, "e", "1")));
    }
    await(() -> a.history.delivered() == topics);
    Instant later = Instant.now().plus(Duration.ofHours(2));
    int slices = 1;
    while (a.history.expire(later, t -> false)) {
      slices++;
    }
    assertEquals(3, slices);
    try (JedisPooled j = client()) {
      assertEquals(Set.of(), j.keys(prefix + "t:*"));
      assertFalse(j.exists(prefix + "ages"));
      assertFalse(j.exists(prefix + "evicted"));
      assertFalse(j.exists(prefix + "topics"));
      assertEquals(Integer.toString(topics), j.get(prefix + "reclaimed"));
    }
    Outbox late = a.hub.attach(new Recorder());
    Cursor before = new Cursor(sent.get(0).id().epoch(), 0);
    Resumed r = a.hub.subscribe(late, List.of("idle/0"), before.toString());
    assertEquals(List.of("idle/0"), r.gap());
    assertEquals(List.of(), a.hub.read(List.of("idle/0"), a.hub.position().toString()).gap());
    Message again = a.hub.publish(new Draft("idle/0", "e", "2"));
    await(() -> a.history.delivered() == again.seq());
    ReadResult after = a.hub.read(List.of("idle/0"), before.toString());
    assertEquals(List.of("2"), data(after.messages()));
    assertEquals(List.of("idle/0"), after.gap());
  }

  @Test
  void topicsListedInTheOldSetAreMovedToTheAgeIndexAndReclaimed() throws Exception {
    Node a = node(1000);
    a.hub.publish(new Draft("legacy", "e", "1"));
    await(() -> a.history.delivered() == 1);
    try (JedisPooled j = client()) {
      j.zrem(prefix + "ages", "legacy");
      j.sadd(prefix + "topics", "legacy");
      assertFalse(a.history.expire(Instant.now().plus(Duration.ofHours(2)), t -> false));
      assertFalse(j.exists(prefix + "topics"));
      assertFalse(j.exists(prefix + "t:legacy"));
      assertEquals("1", j.get(prefix + "reclaimed"));
    }
  }

  @Test
  void expiryLeavesATopicWithFreshMessagesAndItsAgeEntry() throws Exception {
    Node a = node(1000);
    a.hub.publish(new Draft("live", "e", "1"));
    await(() -> a.history.delivered() == 1);
    assertFalse(a.history.expire(Instant.now(), t -> false));
    try (JedisPooled j = client()) {
      assertEquals(1, j.xlen(prefix + "t:live"));
      assertEquals(1, j.zcard(prefix + "ages"));
      assertFalse(j.exists(prefix + "reclaimed"));
    }
  }

  @Test
  void foreignAndFutureCursorsAreGaps() throws Exception {
    Node a = node(1000);
    a.hub.publish(new Draft("t", "e", "1"));
    await(() -> a.history.delivered() == 1);
    assertEquals(List.of("t"), a.hub.read(List.of("t"), "zz-1").gap());
    String epoch = a.hub.position().epoch();
    assertEquals(List.of("t"), a.hub.read(List.of("t"), epoch + "-99").gap());
    assertEquals(List.of("1"), data(a.hub.read(List.of("t"), epoch + "-99").messages()));
  }

  @Test
  void pagesMergeTopicsInIdOrderForwardAndBackwardWithNothingLostOrRepeated() throws Exception {
    Node a = node(1000);
    Node b = node(1000);
    // 40 messages over three topics, in chunks larger than the script's read chunk (16).
    List<String> sent = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      String topic = i % 3 == 0 ? "x" : i % 3 == 1 ? "t" : "u";
      Message m = a.hub.publish(new Draft(topic, "e", Integer.toString(i)));
      if (!topic.equals("u")) {
        sent.add(m.dataJson());
      }
    }
    await(() -> b.history.delivered() == 40);
    List<String> topics = List.of("t", "x");
    List<String> forward = new ArrayList<>();
    String since = Cursor.EARLIEST;
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      ReadResult r = b.hub.read(topics, since, new Page(7, Long.MAX_VALUE, false));
      forward.addAll(data(r.messages()));
      sizes.add(r.messages().size());
      since = r.cursor().toString();
      if (!r.more()) {
        break;
      }
      assertEquals(r.messages().get(6).id(), r.cursor());
    }
    assertEquals(sent, forward);
    assertEquals(List.of(7, 7, 7, 6), sizes);
    List<String> backward = new ArrayList<>();
    since = Cursor.EARLIEST;
    while (true) {
      ReadResult r = b.hub.read(topics, since, new Page(5, Long.MAX_VALUE, true));
      backward.addAll(data(r.messages()));
      if (!r.more()) {
        break;
      }
      since = r.cursor().toString();
    }
    List<String> reversed = new ArrayList<>(sent);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, backward);
  }

  @Test
  void theByteCapCutsAPageAfterAtLeastOneMessage() throws Exception {
    Node a = node(1000);
    String big = "\"" + "x".repeat(10_000) + "\"";
    for (int i = 0; i < 5; i++) {
      a.hub.publish(new Draft("t", "e", big));
    }
    await(() -> a.history.delivered() == 5);
    ReadResult two = a.hub.read(List.of("t"), Cursor.EARLIEST, new Page(100, 25_000, false));
    assertEquals(2, two.messages().size());
    assertTrue(two.more());
    ReadResult one = a.hub.read(List.of("t"), Cursor.EARLIEST, new Page(100, 1, true));
    assertEquals(1, one.messages().size());
    assertEquals(a.hub.position().seq(), one.messages().get(0).seq());
    assertTrue(one.more());
  }

  @Test
  void redisRestartKeepsSubscribersAndLosesNothing() throws Exception {
    Node a = node(1000);
    Node b = node(1000);
    Recorder onB = b.subscribe("t", null);
    for (int i = 1; i <= 10; i++) {
      a.hub.publish(new Draft("t", "e", Integer.toString(i)));
    }
    await(() -> onB.data().size() == 10);
    redis.kill();
    HubUnavailableException e =
        assertThrows(HubUnavailableException.class, () -> a.hub.publish(new Draft("t", "e", "x")));
    assertTrue(e.getMessage().contains("Redis"), e.getMessage());
    await(() -> !a.history.isAvailable() && !b.history.isAvailable());
    assertFalse(onB.sub.isClosed());
    redis.start();
    await(() -> a.history.isAvailable() && b.history.isAvailable());
    for (int i = 11; i <= 20; i++) {
      publishRetrying(i % 2 == 0 ? a : b, Integer.toString(i));
    }
    await(() -> onB.data().size() >= 20);
    assertEquals(IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).toList(), onB.data());
    assertFalse(onB.overflowed);
  }

  @Test
  void redisLosingItsDataStartsANewEpochAndDropsSubscribersToResume() throws Exception {
    Node a = node(1000);
    Recorder r = a.subscribe("t", null);
    Message m = a.hub.publish(new Draft("t", "e", "1"));
    await(() -> r.data().size() == 1);
    redis.wipe();
    redis.start();
    await(() -> r.overflowed);
    assertTrue(r.sub.isClosed());
    String epoch = a.hub.position().epoch();
    assertNotEquals(m.id().epoch(), epoch);
    ReadResult resumed = a.hub.read(List.of("t"), m.id().toString());
    assertEquals(List.of("t"), resumed.gap());
  }

  private void publishRetrying(Node n, String data) throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        n.hub.publish(new Draft("t", "e", data));
        return;
      } catch (HubUnavailableException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("publish kept failing");
  }

  private Node node(int maxCount) throws Exception {
    Node n = new Node(prefix, maxCount);
    nodes.add(n);
    await(() -> n.history.knownEpoch() != null);
    return n;
  }

  private static List<String> data(List<Message> ms) {
    return ms.stream().map(Message::dataJson).toList();
  }

  /** One instance: client, history, hub and feed. */
  static final class Node {
    final JedisPooled jedis = client();
    final RedisHistory history;
    final Hub hub;
    final ExecutorService pool = Executors.newFixedThreadPool(2);

    Node(String prefix, int maxCount) {
      RedisScripts scripts = new RedisScripts(jedis, prefix);
      history = new RedisHistory(scripts, maxCount, Duration.ofHours(1), 10_000);
      hub = new Hub(history, Settings.defaults().hub(), pool, Clock.systemUTC(), null);
      history.start(hub.feed());
    }

    Recorder subscribe(String topic, String since) {
      Recorder r = new Recorder();
      r.sub = hub.attach(r);
      hub.subscribe(r.sub, List.of(topic), since);
      return r;
    }

    void close() {
      history.stop();
      hub.stop();
      pool.shutdownNow();
      jedis.close();
    }
  }

  /** Records what a subscription delivers. Thread-safe. */
  static final class Recorder implements Subscriber {
    private final List<Message> messages = new ArrayList<>();
    volatile Outbox sub;
    volatile boolean overflowed;

    @Override
    public void deliver(List<Outbound> batch, Runnable done) {
      synchronized (this) {
        for (Outbound o : batch) {
          if (o instanceof Message m) {
            messages.add(m);
          }
        }
      }
      done.run();
    }

    @Override
    public void overflowed() {
      overflowed = true;
    }

    synchronized List<String> data() {
      return RedisStoreIT.data(messages);
    }

    synchronized List<String> ids() {
      return messages.stream().map(m -> m.id().toString()).toList();
    }
  }
}
