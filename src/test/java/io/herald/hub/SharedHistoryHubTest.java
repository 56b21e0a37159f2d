package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The hub with a history shared by several instances (as the Redis store is): fan-out only through
 * the feed, in id order, exactly once, however far each instance's feed lags its reads.
 */
class SharedHistoryHubTest {
  private final Store store = new Store();
  private final Node a = new Node(store);
  private final Node b = new Node(store);

  @Test
  void publishReachesEveryInstanceOnlyThroughTheFeedAndOnce() {
    Recorder onA = a.subscribe(List.of("t"), null);
    Recorder onB = b.subscribe(List.of("t"), null);
    a.hub.publish(draft("t", 1));
    assertEquals(List.of(), onA.ids(), "the publisher's instance waits for the feed too");
    a.pump(10);
    b.pump(10);
    a.pump(10);
    assertEquals(List.of("e1-1"), onA.ids());
    assertEquals(List.of("e1-1"), onB.ids());
  }

  @Test
  void replayStopsWhereTheFeedStandsAndTheFeedContinuesExactlyThere() {
    for (int i = 1; i <= 5; i++) {
      a.hub.publish(draft("t", i));
    }
    b.pump(2);
    Recorder r = b.subscribe(List.of("t"), Cursor.EARLIEST);
    assertEquals(List.of("e1-1", "e1-2"), r.ids());
    assertEquals("e1-0", r.resumed.get(0).cursor().toString());
    b.pump(10);
    assertEquals(List.of("e1-1", "e1-2", "e1-3", "e1-4", "e1-5"), r.ids());
  }

  @Test
  void cursorFromAnInstanceAheadIsNotReplayedAgainByTheLaggingFeed() {
    for (int i = 1; i <= 5; i++) {
      a.hub.publish(draft("t", i));
    }
    a.pump(10);
    b.pump(2);
    Recorder r = b.subscribe(List.of("t"), "e1-4");
    assertEquals(List.of(), r.ids());
    assertEquals("e1-4", r.resumed.get(0).cursor().toString());
    a.hub.publish(draft("t", 6));
    b.pump(10);
    assertEquals(List.of("e1-5", "e1-6"), r.ids());
  }

  @Test
  void highWaterIsPerTopicSoAnotherTopicsLiveMessagesStillFlow() {
    Recorder r = b.subscribe(List.of("x"), null);
    a.hub.publish(draft("x", 1)); // 1
    a.hub.publish(draft("y", 2)); // 2
    a.hub.publish(draft("x", 3)); // 3
    a.hub.publish(draft("y", 4)); // 4
    b.hub.subscribe(r.sub, List.of("y"), "e1-4"); // cursor from an instance that saw all four
    b.pump(10);
    a.hub.publish(draft("y", 5));
    a.hub.publish(draft("x", 6));
    b.pump(10);
    assertEquals(List.of("e1-1", "e1-3", "e1-5", "e1-6"), r.ids());
  }

  @Test
  void shortPollsAlternatingBetweenInstancesSeeEachMessageOnceInOrder() {
    for (int i = 1; i <= 6; i++) {
      a.hub.publish(draft("t", i));
    }
    a.pump(5);
    b.pump(2);
    List<String> seen = new ArrayList<>();
    String since = Cursor.EARLIEST;
    for (Node n : List.of(a, b, a, b)) {
      ReadResult r = n.hub.read(List.of("t"), since);
      r.messages().forEach(m -> seen.add(m.id().toString()));
      since = r.cursor().toString();
      n.pump(1);
    }
    b.pump(10);
    a.pump(10);
    seen.addAll(ids(a.hub.read(List.of("t"), since).messages()));
    assertEquals(List.of("e1-1", "e1-2", "e1-3", "e1-4", "e1-5", "e1-6"), seen);
  }

  @Test
  void longPollTimingOutOnALaggingInstanceNeverMovesTheCursorBack() {
    a.hub.publish(draft("t", 1));
    a.hub.publish(draft("other", 2));
    a.pump(10);
    Recorder r = new Recorder();
    Outbox sub = b.hub.attach(r);
    assertEquals(null, b.hub.readOrWait(sub, List.of("t"), "e1-2", Page.ALL));
    assertEquals("e1-2", b.hub.stopWaiting(sub).toString());
  }

  @Test
  void longPollParkedAheadOfTheFeedGetsOnlyNewerMessages() {
    a.hub.publish(draft("t", 1));
    a.pump(10);
    Recorder r = new Recorder();
    Outbox sub = b.hub.attach(r);
    assertEquals(null, b.hub.readOrWait(sub, List.of("t"), "e1-1", Page.ALL));
    a.hub.publish(draft("t", 2));
    b.pump(10);
    assertEquals(List.of("e1-2"), r.ids());
  }

  @Test
  void lostFeedDetachesEverySubscriberAndTellsIt() {
    Recorder one = b.subscribe(List.of("t"), null);
    Recorder two = b.subscribe(List.of("u"), null);
    b.hub.feed().lost();
    assertEquals(0, b.hub.subscriberCount());
    assertTrue(one.overflowed && two.overflowed);
    a.hub.publish(draft("t", 1));
    b.pump(10);
    assertEquals(List.of(), one.ids());
  }

  @Test
  void publishedIsToldOnEveryInstanceOnceInIdOrderOnTheFeedsThread() throws Exception {
    a.hub.publish(List.of(draft("t", 1), draft("u", 2), draft("t", 3)));
    assertEquals(List.of(), a.told, "not when stored, only when the feed delivers");
    Thread feed = new Thread(() -> a.pump(2), "feed-a");
    feed.start();
    feed.join();
    assertEquals(List.of("e1-1 feed-a", "e1-2 feed-a"), a.told);
    a.pump(10);
    b.pump(10);
    String me = Thread.currentThread().getName();
    assertEquals(List.of("e1-1 feed-a", "e1-2 feed-a", "e1-3 " + me), a.told);
    assertEquals(List.of("e1-1 " + me, "e1-2 " + me, "e1-3 " + me), b.told);
  }

  @Test
  void aStoppedHubAdvancesTheFeedWithoutFanningOutOrTelling() {
    Recorder r = b.subscribe(List.of("t"), null);
    b.hub.stop();
    a.hub.publish(draft("t", 1));
    b.pump(10);
    assertEquals(1, b.delivered);
    assertEquals(List.of(), b.told);
    assertEquals(List.of(), r.ids());
  }

  private static Draft draft(String topic, int n) {
    return new Draft(topic, "e", Integer.toString(n));
  }

  private static List<String> ids(List<Message> ms) {
    return ms.stream().map(m -> m.id().toString()).toList();
  }

  /** The shared store: one sequence, one log. */
  static final class Store {
    final List<Message> log = new ArrayList<>();
  }

  /** One instance: a hub over the shared store, whose feed the test pumps by hand. */
  static final class Node implements History {
    final Store store;
    final Hub hub;

    /** What the hub's {@code published} callback was told: id and thread. */
    final List<String> told = new ArrayList<>();

    long delivered;

    Node(Store store) {
      this.store = store;
      this.hub =
          new Hub(
              this,
              Settings.defaults().hub(),
              Runnable::run,
              Clock.systemUTC(),
              m -> told.add(m.id() + " " + Thread.currentThread().getName()));
    }

    Recorder subscribe(List<String> topics, String since) {
      Recorder r = new Recorder();
      r.sub = hub.attach(r);
      hub.subscribe(r.sub, topics, since);
      return r;
    }

    /** Delivers up to n more messages from the shared log, as the feed would. */
    void pump(int n) {
      List<Message> batch = new ArrayList<>();
      for (long s = delivered + 1; s <= store.log.size() && batch.size() < n; s++) {
        batch.add(store.log.get((int) s - 1));
      }
      if (!batch.isEmpty()) {
        long last = batch.get(batch.size() - 1).seq();
        hub.feed().received(batch, () -> delivered = last);
      }
    }

    @Override
    public boolean feedsBack() {
      return true;
    }

    @Override
    public String epoch() {
      return "e1";
    }

    @Override
    public Cursor position() {
      return new Cursor("e1", delivered);
    }

    @Override
    public List<Message> append(List<Draft> drafts, Instant now) {
      List<Message> out = new ArrayList<>();
      for (Draft d : drafts) {
        Message m =
            new Message(
                new Cursor("e1", store.log.size() + 1), d.topic(), d.event(), d.dataJson(), now);
        store.log.add(m);
        out.add(m);
      }
      return out;
    }

    /** Reads everything after the cursor: these tests read whole, small histories. */
    @Override
    public ReadResult read(List<String> topics, Cursor after, Instant now, Page page) {
      long from = after == null ? 0 : after.seq();
      List<Message> found = new ArrayList<>();
      for (Message m : store.log) {
        if (m.seq() > from && m.seq() <= delivered && topics.contains(m.topic())) {
          found.add(m);
        }
      }
      return new ReadResult(found, new Cursor("e1", Math.max(from, delivered)), List.of());
    }

    @Override
    public boolean expire(Instant now, Predicate<String> held) {
      return false;
    }
  }

  /** Records what a subscription delivers. */
  static final class Recorder implements Subscriber {
    final List<Message> messages = new ArrayList<>();
    final List<Resumed> resumed = new ArrayList<>();
    Outbox sub;
    boolean overflowed;

    @Override
    public void deliver(List<Outbound> batch, Runnable done) {
      for (Outbound o : batch) {
        if (o instanceof Message m) {
          messages.add(m);
        } else if (o instanceof Resumed r) {
          resumed.add(r);
        }
      }
      done.run();
    }

    @Override
    public void overflowed() {
      overflowed = true;
    }

    List<String> ids() {
      return SharedHistoryHubTest.ids(messages);
    }
  }
}
