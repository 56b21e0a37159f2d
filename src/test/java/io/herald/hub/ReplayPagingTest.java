package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A replay is pulled from history one page at a time as the subscriber reads, live messages wait
 * behind it within the queue's bounds, and everything a subscription held goes when it detaches.
 * Delivery runs on the calling thread; {@link Reader} is a client that reads only when told to.
 */
class ReplayPagingTest {
  private static final int PAGE = 10;

  private static Hub hub(int historyMax, int queueMax) {
    return hub(new InMemoryHistory(historyMax, Duration.ofHours(1)), historyMax, queueMax);
  }

  private static Hub hub(History history, int historyMax, int queueMax) {
    return new Hub(
        history,
        new HubSettings(historyMax, Duration.ofHours(1), queueMax, 1L << 30, PAGE, 1L << 20),
        Runnable::run,
        Clock.systemUTC(),
        null);
  }

  private static void publish(Hub hub, String topic, int n) {
    for (int i = 0; i < n; i++) {
      hub.publish(new Draft(topic, "e", Integer.toString(i)));
    }
  }

  /** A client that takes one batch and holds it until {@link #read} is called. */
  static final class Reader implements Subscriber {
    final List<List<Outbound>> batches = new ArrayList<>();
    private Runnable done;
    boolean overflowed;

    @Override
    public void deliver(List<Outbound> batch, Runnable done) {
      batches.add(List.copyOf(batch));
      this.done = done;
    }

    @Override
    public void overflowed() {
      overflowed = true;
    }

    /** Finishes the batch in hand, letting the next one come. */
    void readOne() {
      Runnable d = done;
      done = null;
      if (d != null) {
        d.run();
      }
    }

    /** Reads until nothing more comes. */
    void readAll() {
      while (done != null) {
        readOne();
      }
    }

    List<Long> seqs() {
      List<Long> out = new ArrayList<>();
      for (List<Outbound> b : batches) {
        for (Outbound o : b) {
          if (o instanceof Message m) {
            out.add(m.seq());
          }
        }
      }
      return out;
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void aReplayIsQueuedOnePageAtATimeAsTheClientReads() {
    Hub hub = hub(1000, 10_000);
    publish(hub, "a", 35);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    assertEquals(1, reader.batches.size());
    assertInstanceOf(Resumed.class, reader.batches.get(0).get(0));
    assertEquals(PAGE, sub.queued(), "the first page waits behind the unread signal");
    reader.readOne();
    assertEquals(range(1, 10), reader.seqs());
    assertEquals(0, sub.queued(), "nothing past the first page is queued while it is unread");
    reader.readOne();
    assertEquals(range(1, 20), reader.seqs());
    assertEquals(0, sub.queued());
    reader.readAll();
    assertEquals(range(1, 35), reader.seqs());
    assertTrue(sub.idle());
    assertTrue(sub.replays.isEmpty());
  }

  @Test
  void liveMessagesWaitBehindTheReplayAndFollowItWithNothingLostOrRepeated() {
    Hub hub = hub(1000, 10_000);
    publish(hub, "a", 25);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a", "b"), Cursor.EARLIEST);
    publish(hub, "a", 3); // 26..28
    publish(hub, "other", 1); // 29, not subscribed
    reader.readOne();
    publish(hub, "a", 2); // 30, 31
    assertEquals(5, sub.held());
    publish(hub, "b", 1); // 32: b has no replay left (nothing retained), yet waits with a
    reader.readAll();
    List<Long> expected = new ArrayList<>(range(1, 28));
    expected.addAll(List.of(30L, 31L, 32L));
    assertEquals(expected, reader.seqs());
    assertEquals(0, sub.held());
    publish(hub, "a", 1);
    reader.readAll();
    assertEquals(33L, reader.seqs().get(reader.seqs().size() - 1));
  }

  @Test
  void liveMessagesHeldBehindAReplayCountAgainstTheQueueBound() {
    Hub hub = hub(1000, 5);
    publish(hub, "a", 30);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    publish(hub, "a", 5);
    assertEquals(5, sub.held());
    assertFalse(reader.overflowed);
    publish(hub, "a", 1);
    assertTrue(reader.overflowed, "the sixth live message overflows the client that does not read");
    assertTrue(sub.isClosed());
    assertEquals(0, sub.held());
    assertEquals(0, hub.subscriberCount());
  }

  @Test
  void resubscribingWhileReplayingQueuesNothingAgain() {
    Hub hub = hub(1000, 10_000);
    publish(hub, "a", 25);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    hub.subscribe(sub, List.of("a"), null);
    assertEquals(PAGE + 2, sub.queued(), "the first page and two subscribed signals");
    assertEquals(1, sub.replays.size());
    reader.readAll();
    assertEquals(range(1, 25), reader.seqs());
  }

  @Test
  void aSubscribeUnsubscribeFloodFromAClientThatDoesNotReadHoldsAtMostOnePage() {
    Hub hub = hub(1000, 10_000);
    publish(hub, "a", 1000);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    for (int i = 0; i < 1000; i++) {
      hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
      hub.unsubscribe(sub, List.of("a"));
    }
    assertEquals(PAGE + 999, sub.queued(), "one page, then a subscribed signal per subscribe");
    assertTrue(sub.replays.isEmpty());
    assertEquals(0, sub.held());
    reader.readAll();
    assertEquals(range(1, PAGE), reader.seqs());
  }

  @Test
  void aSubscribeFloodPastTheQueueBoundOverflowsTheClient() {
    Hub hub = hub(1000, 50);
    publish(hub, "a", 100);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    for (int i = 0; i < 60 && !sub.isClosed(); i++) {
      hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
      hub.unsubscribe(sub, List.of("a"));
    }
    assertTrue(reader.overflowed);
    assertEquals(0, hub.subscriberCount());
  }

  @Test
  void historyEvictedBeforeTheReplayReachesItDropsTheClientToResume() {
    Hub hub = hub(20, 10_000);
    publish(hub, "a", 20);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    publish(hub, "a", 15); // evicts 1..15: the replay's next page (11..) is partly gone
    reader.readOne();
    assertEquals(range(1, 10), reader.seqs());
    assertFalse(reader.overflowed);
    reader.readOne();
    assertTrue(reader.overflowed);
    assertEquals(range(1, 10), reader.seqs(), "nothing after the lost history was delivered");
    assertTrue(sub.isClosed());
  }

  @Test
  void aStoreThatFailsToReadTheNextPageDropsTheClientToResume() {
    InMemoryHistory memory = new InMemoryHistory(1000, Duration.ofHours(1));
    boolean[] failing = {false};
    History history =
        new Around(memory) {
          @Override
          public ReadResult read(List<String> topics, Cursor after, Instant now, Page page) {
            if (failing[0]) {
              throw new IllegalStateException("store unreachable");
            }
            return memory.read(topics, after, now, page);
          }
        };
    Hub hub = hub(history, 1000, 10_000);
    publish(hub, "a", 30);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    failing[0] = true;
    reader.readOne();
    reader.readOne();
    assertEquals(range(1, 10), reader.seqs());
    assertTrue(reader.overflowed);
    assertTrue(sub.isClosed());
    assertEquals(0, hub.subscriberCount());
  }

  @Test
  void detachReclaimsEverythingTheSubscriptionHeld() {
    Hub hub = hub(1000, 10_000);
    publish(hub, "a", 50);
    Reader reader = new Reader();
    Outbox sub = hub.attach(reader);
    hub.subscribe(sub, List.of("a", "b"), Cursor.EARLIEST);
    publish(hub, "a", 3);
    assertEquals(3, sub.held());
    assertEquals(1, sub.replays.size());

    hub.detach(sub);

    assertTrue(sub.isClosed());
    assertEquals(0, sub.queued());
    assertEquals(0, sub.held());
    assertTrue(sub.replays.isEmpty());
    assertTrue(sub.topics.isEmpty());
    assertTrue(sub.highWater.isEmpty());
    assertEquals(0, hub.subscriberCount());
    assertTrue(hub.topicCounts().isEmpty());
    reader.readAll();
    assertEquals(List.of(), reader.seqs(), "nothing queued is delivered after detach");

    WeakReference<Outbox> gone = new WeakReference<>(sub);
    WeakReference<Reader> client = new WeakReference<>(reader);
    sub = null;
    reader = null;
    for (int i = 0; i < 50 && (gone.get() != null || client.get() != null); i++) {
      System.gc();
    }
    assertNull(gone.get(), "the hub keeps no reference to a detached subscription");
    assertNull(client.get(), "nor to its client");
    hub.publish(new Draft("a", "e", "after"));
  }

  @Test
  void eachReadUnderTheLockFetchesOnePageNotTheWholeHistory() {
    InMemoryHistory memory = new InMemoryHistory(1000, Duration.ofHours(1));
    List<Integer> readSizes = new ArrayList<>();
    History counting =
        new Around(memory) {
          @Override
          public ReadResult read(List<String> topics, Cursor after, Instant now, Page page) {
            ReadResult r = memory.read(topics, after, now, page);
            readSizes.add(r.messages().size());
            return r;
          }
        };
    Hub hub = hub(counting, 1000, 10_000);
    publish(hub, "a", 1000);
    Reader reader = new Reader();
    hub.subscribe(hub.attach(reader), List.of("a"), Cursor.EARLIEST);
    reader.readAll();
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 1000; i++) {
      expected.add(i);
    }
    assertEquals(expected, reader.seqs(), "every retained message once, in order");
    assertEquals(100, readSizes.size(), "one read per page of " + PAGE);
    assertTrue(
        readSizes.stream().allMatch(n -> n <= PAGE), "no read larger than a page: " + readSizes);
  }

  /** An in-memory history that tests wrap to watch or break its reads. */
  private abstract static class Around implements History {
    private final InMemoryHistory memory;

    Around(InMemoryHistory memory) {
      this.memory = memory;
    }

    @Override
    public String epoch() {
      return memory.epoch();
    }

    @Override
    public Cursor position() {
      return memory.position();
    }

    @Override
    public List<Message> append(List<Draft> drafts, Instant now) {
      return memory.append(drafts, now);
    }

    @Override
    public boolean expire(Instant now, Predicate<String> held) {
      return memory.expire(now, held);
    }
  }
}
