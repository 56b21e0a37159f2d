package io.herald.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.hub.Presence;
import io.herald.hub.PresenceBoard;
import io.herald.hub.PresenceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol.Command;

/**
 * The Redis presence board against a real Redis, with several boards ("instances") in this JVM:
 * announcements reach every instance with the cluster-wide count, presence sums live instances, and
 * an instance that stops refreshing vanishes within its TTL with every key reclaimed.
 */
class RedisPresenceIT extends RedisTest {
  private static int run;

  private final String prefix = "pr" + (++run) + ":";
  private final List<Instance> instances = new ArrayList<>();

  @AfterEach
  void stopInstances() {
    instances.forEach(Instance::close);
  }

  /** One instance's board, its timer, what it was told and the presence it reports. */
  private final class Instance implements PresenceBoard.Sink {
    final JedisPooled jedis = client();
    final RedisPresence board;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<String> told = new CopyOnWriteArrayList<>();
    volatile List<Presence> local = List.of();

    Instance(long ttlMs) throws InterruptedException {
      board = new RedisPresence(new RedisScripts(jedis, prefix), ttlMs);
      board.start(this, () -> local, timer);
      instances.add(this);
      // The board's first refresh runs at once on the timer and rewrites this instance's hash
      // from the snapshot it read: a publish racing it could be wiped. Wait until it has run (it
      // registers the instance as live).
      await(() -> jedis.zscore(prefix + "presence:instances", board.instance()) != null);
    }

    @Override
    public void changed(String topic, int count, List<PresenceChange> changes) {
      told.add(topic + " " + count + " " + changes);
    }

    void publish(Presence p, PresenceChange... changes) {
      local = List.of(p);
      board.publish(p, List.of(changes), this);
    }

    void close() {
      board.stop();
      timer.shutdownNow();
      jedis.close();
    }
  }

  private void awaitListeners(JedisPooled jedis, long n) throws InterruptedException {
    await(
        () ->
            (Long)
                    ((List<?>) jedis.sendCommand(Command.PUBSUB, "NUMSUB", prefix + "presence"))
                        .get(1)
                >= n);
  }

  @Test
  void changesReachEveryInstanceWithTheClusterCountAndPresenceSumsInstances() throws Exception {
    Instance a = new Instance(30_000);
    Instance b = new Instance(30_000);
    awaitListeners(a.jedis, 2);
    a.publish(new Presence("t", 2, List.of("alice")), new PresenceChange(true, "alice"));
    b.publish(new Presence("t", 1, List.of()), new PresenceChange(true, null));
    List<String> expected =
        List.of(
            "t 2 [PresenceChange[joined=true, identity=alice]]",
            "t 3 [PresenceChange[joined=true, identity=null]]");
    await(() -> a.told.size() == 2 && b.told.size() == 2);
    assertEquals(expected, a.told);
    assertEquals(expected, b.told);
    assertEquals(
        new Presence("t", 3, List.of("alice")), b.board.presence(new Presence("t", 1, List.of())));
    a.publish(new Presence("t", 0, List.of()), new PresenceChange(false, "alice"));
    await(() -> b.told.size() == 3);
    assertEquals("t 1 [PresenceChange[joined=false, identity=alice]]", b.told.get(2));
    assertEquals(
        new Presence("t", 1, List.of()), a.board.presence(new Presence("t", 0, List.of())));
  }

  @Test
  void anInstanceThatStopsRefreshingVanishesWithinItsTtlAndItsKeysAreReclaimed() throws Exception {
    Instance gone = new Instance(600);
    Instance stays = new Instance(600);
    gone.publish(new Presence("t", 4, List.of("bob")), new PresenceChange(true, "bob"));
    stays.publish(new Presence("u", 1, List.of()), new PresenceChange(true, null));
    assertEquals(
        new Presence("t", 4, List.of("bob")),
        stays.board.presence(new Presence("t", 0, List.of())));
    gone.close(); // as if it crashed: no leave, no more refreshes
    Thread.sleep(800);
    assertEquals(
        new Presence("t", 0, List.of()), stays.board.presence(new Presence("t", 0, List.of())));
    assertEquals(
        Set.of(prefix + "presence:instances", prefix + "presence:i:" + stays.board.instance()),
        stays.jedis.keys(prefix + "*"));
    stays.close();
    Thread.sleep(800);
    try (JedisPooled jedis = client()) {
      assertEquals(Set.of(), jedis.keys(prefix + "*"), "every key expired with its instance");
    }
  }
}
