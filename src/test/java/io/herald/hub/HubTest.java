package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubTest {
  private ExecutorService pool;
  private MutableClock clock;

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(4);
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
  }

  private Hub hub(int maxCount, Duration maxAge, int queueMax) {
    return hub(maxCount, maxAge, queueMax, 100);
  }

  private Hub hub(int maxCount, Duration maxAge, int queueMax, int page) {
    return new Hub(
        new InMemoryHistory(maxCount, maxAge),
        new HubSettings(maxCount, maxAge, queueMax, 1L << 30, page, 1L << 20),
        pool,
        clock,
        null);
  }

  private Hub hub() {
    return hub(100, Duration.ofHours(1), 10_000);
  }

  private static Draft draft(String topic, int n) {
    return new Draft(topic, "message", Integer.toString(n));
  }

  @Test
  void idsAreIncreasingCursorsOfOneHistory() {
    Hub hub = hub();
    List<Message> stored = hub.publish(List.of(draft("a", 1), draft("b", 2), draft("a", 3)));
    assertEquals(List.of(1L, 2L, 3L), stored.stream().map(Message::seq).toList());
    String epoch = stored.get(0).id().epoch();
    stored.forEach(m -> assertEquals(epoch, m.id().epoch()));
    assertEquals(stored.get(2).id(), Cursor.parse(stored.get(2).id().toString()));
    assertEquals(stored.get(2).id(), hub.position());
  }

  @Test
  void messageJsonIsTheWireShape() {
    Message m = hub().publish(new Draft("prices/ACME", "tick", "{\"p\":1.5}"));
    assertEquals(
        "{\"id\":\""
            + m.id()
            + "\",\"topic\":\"prices/ACME\",\"event\":\"tick\",\"data\":{\"p\":1.5},"
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        m.json());
  }

  @Test
  void readAfterCursorReturnsExactlyTheLaterMessagesOfTheTopicsInOrder() {
    Hub hub = hub();
    Message first = hub.publish(draft("a", 1));
    hub.publish(List.of(draft("b", 2), draft("c", 3), draft("a", 4)));
    ReadResult r = hub.read(List.of("a", "b"), first.id().toString());
    assertEquals(List.of("2", "4"), r.messages().stream().map(Message::dataJson).toList());
    assertEquals(List.of(), r.gap());
    assertEquals(hub.position(), r.cursor());
  }

  @Test
  void readWithoutSinceGivesTheCurrentCursorOnly() {
    Hub hub = hub();
    hub.publish(draft("a", 1));
    ReadResult r = hub.read(List.of("a"), null);
    assertEquals(List.of(), r.messages());
    assertEquals(1L, r.cursor().seq());
  }

  @Test
  void countLimitEvictsOldestAndResumeBeforeItReportsAGap() {
    Hub hub = hub(3, Duration.ofHours(1), 100);
    Message first = hub.publish(draft("a", 0));
    Cursor start = new Cursor(first.id().epoch(), 0);
    for (int i = 1; i <= 4; i++) {
      hub.publish(draft("a", i));
    }
    hub.publish(draft("b", 9));
    ReadResult all = hub.read(List.of("a", "b"), Cursor.EARLIEST);
    assertEquals(
        List.of("2", "3", "4", "9"), all.messages().stream().map(Message::dataJson).toList());
    assertEquals(List.of(), all.gap(), "earliest asks for what is retained: no gap");
    ReadResult resumed = hub.read(List.of("a", "b"), start.toString());
    assertEquals(List.of("a"), resumed.gap());
    assertEquals(4, resumed.messages().size());
    ReadResult recent =
        hub.read(
            List.of("a"),
            hub.read(List.of("a"), Cursor.EARLIEST).messages().get(0).id().toString());
    assertEquals(List.of(), recent.gap(), "nothing after this cursor was dropped");
  }

  @Test
  void ageLimitEvictsAndReportsAGap() {
    Hub hub = hub(100, Duration.ofMinutes(1), 100);
    Message old = hub.publish(draft("a", 1));
    clock.advance(Duration.ofSeconds(30));
    Message mid = hub.publish(draft("a", 2));
    clock.advance(Duration.ofSeconds(45));
    hub.expire();
    ReadResult r = hub.read(List.of("a"), new Cursor(old.id().epoch(), 0).toString());
    assertEquals(List.of(mid.id()), r.messages().stream().map(Message::id).toList());
    assertEquals(List.of("a"), r.gap());
  }

  @Test
  void expiryReclaimsAnIdleTopicButNotOneASubscriberHoldsAndAResumeStillGetsTheGap() {
    InMemoryHistory history = new InMemoryHistory(100, Duration.ofMinutes(1));
    Hub hub = new Hub(history, Settings.defaults().hub(), pool, clock, null);
    Message idle = hub.publish(draft("idle", 1));
    hub.publish(draft("held", 2));
    Outbox holder = hub.attach(new RecordingSubscriber());
    hub.subscribe(holder, List.of("held"), Cursor.EARLIEST);
    clock.advance(Duration.ofSeconds(61));
    hub.expire();
    assertEquals(1, history.topicCount(), "only the held topic is kept");
    Outbox late = hub.attach(new RecordingSubscriber());
    Resumed r = hub.subscribe(late, List.of("idle"), new Cursor(idle.id().epoch(), 0).toString());
    assertEquals(List.of("idle"), r.gap());
    hub.detach(holder);
    clock.advance(Duration.ofSeconds(61));
    hub.expire();
    assertEquals(0, history.topicCount());
  }

  @Test
  void cursorFromAnotherHistoryGetsAGapAndEverythingRetained() {
    Hub hub = hub();
    hub.publish(List.of(draft("a", 1), draft("b", 2)));
    ReadResult r = hub.read(List.of("a", "b"), "zzzzz-5");
    assertEquals(List.of("a", "b"), r.gap());
    assertEquals(2, r.messages().size());
    ReadResult ahead = hub.read(List.of("a"), new Cursor(hub.position().epoch(), 99).toString());
    assertEquals(List.of("a"), ahead.gap(), "a cursor ahead of this history is foreign too");
  }

  @Test
  void malformedCursorsAreRefused() {
    Hub hub = hub();
    for (String bad :
        List.of(
            "",
            "x",
            "-1",
            "abc-",
            "abc--1",
            "ABC-1",
            "a b-1",
            "abc-1x",
            "abc-99999999999999999999")) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> hub.read(List.of("a"), bad), bad);
      assertEquals("bad-cursor", e.code());
    }
  }

  @Test
  void subscribeQueuesResumedThenReplayThenLive() throws InterruptedException {
    Hub hub = hub();
    Message m1 = hub.publish(draft("a", 1));
    hub.publish(draft("a", 2));
    RecordingSubscriber rec = new RecordingSubscriber();
    Outbox sub = hub.attach(rec);
    Resumed r = hub.subscribe(sub, List.of("a"), m1.id().toString());
    assertEquals(m1.id(), r.cursor());
    hub.publish(draft("a", 3));
    hub.publish(draft("other", 4));
    List<Message> got = rec.awaitMessages(2);
    assertEquals(List.of("2", "3"), got.stream().map(Message::dataJson).toList());
    assertInstanceOf(Resumed.class, rec.received().get(0));
  }

  @Test
  void resubscribingAnAlreadySubscribedTopicDoesNotReplayItAgain() throws InterruptedException {
    Hub hub = hub();
    Message m1 = hub.publish(draft("a", 1));
    RecordingSubscriber rec = new RecordingSubscriber();
    Outbox sub = hub.attach(rec);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    hub.subscribe(sub, List.of("a", "b"), Cursor.EARLIEST);
    hub.publish(draft("b", 2));
    List<Message> got = rec.awaitMessages(2);
    assertEquals(List.of(m1.id().seq(), 2L), got.stream().map(Message::seq).toList());
  }

  @Test
  void unsubscribeAndDetachStopDelivery() throws InterruptedException {
    Hub hub = hub();
    RecordingSubscriber rec = new RecordingSubscriber();
    Outbox sub = hub.attach(rec);
    hub.subscribe(sub, List.of("a", "b"), null);
    hub.unsubscribe(sub, List.of("a"));
    hub.publish(List.of(draft("a", 1), draft("b", 2)));
    assertEquals(List.of("2"), rec.awaitMessages(1).stream().map(Message::dataJson).toList());
    hub.detach(sub);
    hub.publish(draft("b", 3));
    assertEquals(0, hub.subscriberCount());
    assertEquals(1, rec.messages().size());
    assertTrue(hub.topicCounts().isEmpty());
  }

  @Test
  void overflowDropsOnlyTheSlowSubscriber() throws InterruptedException {
    Hub hub = hub(100, Duration.ofHours(1), 5);
    RecordingSubscriber stuck =
        new RecordingSubscriber() {
          @Override
          public synchronized void deliver(List<Outbound> batch, Runnable done) {
            // Never calls done: a client that stopped reading.
          }
        };
    RecordingSubscriber healthy = new RecordingSubscriber();
    Outbox slow = hub.attach(stuck);
    hub.subscribe(slow, List.of("a"), null);
    hub.subscribe(hub.attach(healthy), List.of("a"), null);
    for (int i = 0; i < 20; i++) {
      hub.publish(draft("a", i));
      // Paced: a healthy subscriber keeps up, the stuck one only accumulates.
      assertEquals(i + 1, healthy.awaitMessages(i + 1).size());
    }
    assertFalse(healthy.wasOverflowed());
    long end = System.nanoTime() + 5_000_000_000L;
    while (!stuck.wasOverflowed() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertTrue(stuck.wasOverflowed());
    assertTrue(slow.isClosed());
    assertEquals(1, hub.subscriberCount());
  }

  @Test
  void replayIsNotBoundedByTheLiveQueueLimit() throws InterruptedException {
    Hub hub = hub(100, Duration.ofHours(1), 5);
    for (int i = 0; i < 50; i++) {
      hub.publish(draft("a", i));
    }
    RecordingSubscriber rec = new RecordingSubscriber();
    Outbox sub = hub.attach(rec);
    hub.subscribe(sub, List.of("a"), Cursor.EARLIEST);
    assertEquals(50, rec.awaitMessages(50).size());
    assertFalse(rec.wasOverflowed());
  }

  @Test
  void longPollAnswersAtOnceOrWaitsAndStopsCleanly() {
    Hub hub = hub();
    Message m = hub.publish(draft("a", 1));
    Outbox now = hub.attach(new RecordingSubscriber());
    ReadResult ready = hub.readOrWait(now, List.of("a"), Cursor.EARLIEST, Page.ALL);
    assertNotNull(ready);
    assertEquals(List.of(m), ready.messages());
    assertEquals(0, hub.subscriberCount());

    Outbox waiting = hub.attach(new RecordingSubscriber());
    assertNull(hub.readOrWait(waiting, List.of("a"), m.id().toString(), Page.ALL));
    assertEquals(1, hub.subscriberCount());
    hub.publish(draft("b", 2));
    assertEquals(hub.position(), hub.stopWaiting(waiting));
    assertEquals(0, hub.subscriberCount());
    assertNull(hub.stopWaiting(waiting), "a stopped poll cannot be stopped twice");
  }

  @Test
  void publishedIsToldOfEachMessageOnceInIdOrderAfterItsFanOutOnThePublishersThread() {
    RecordingSubscriber rec = new RecordingSubscriber();
    List<String> told = new ArrayList<>();
    Hub[] hub = new Hub[1];
    hub[0] =
        new Hub(
            new InMemoryHistory(100, Duration.ofHours(1)),
            Settings.defaults().hub(),
            Runnable::run,
            clock,
            m ->
                told.add(
                    m.id().seq()
                        + " "
                        + Thread.currentThread().getName()
                        + " queued:"
                        + rec.messages().contains(m)));
    hub[0].subscribe(hub[0].attach(rec), List.of("a"), null);
    String me = Thread.currentThread().getName();

    hub[0].publish(List.of(draft("a", 1), draft("b", 2), draft("a", 3)));
    hub[0].publish(draft("a", 4));

    assertEquals(
        List.of(
            "1 " + me + " queued:true",
            "2 " + me + " queued:false",
            "3 " + me + " queued:true",
            "4 " + me + " queued:true"),
        told);
    assertEquals(List.of(1L, 3L, 4L), rec.messages().stream().map(Message::seq).toList());
  }

  @Test
  void publishedRunsUnderTheSequencerLockAndNotForARefusedPublish() throws Exception {
    List<Boolean> othersWaited = new ArrayList<>();
    Hub[] hub = new Hub[1];
    hub[0] =
        new Hub(
            new InMemoryHistory(100, Duration.ofHours(1)),
            Settings.defaults().hub(),
            pool,
            clock,
            m -> {
              // Another thread asking the hub anything must wait until this callback returns.
              Thread other = new Thread(hub[0]::position);
              other.start();
              try {
                other.join(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              othersWaited.add(other.isAlive());
            });
    hub[0].publish(List.of(draft("a", 1), draft("a", 2)));
    assertEquals(List.of(true, true), othersWaited);

    hub[0].stop();
    assertThrows(HubUnavailableException.class, () -> hub[0].publish(draft("a", 3)));
    assertEquals(2, othersWaited.size());
  }

  @Test
  void stoppedHubRefusesWork() {
    Hub hub = hub();
    hub.attach(new RecordingSubscriber());
    hub.stop();
    assertEquals(0, hub.subscriberCount());
    assertThrows(HubUnavailableException.class, () -> hub.publish(draft("a", 1)));
    assertThrows(HubUnavailableException.class, () -> hub.attach(new RecordingSubscriber()));
  }

  @Test
  void concurrentPublishersLoseNothingAndEverySubscriberSeesHistoryOrder() throws Exception {
    Hub hub = hub(100_000, Duration.ofHours(1), 1_000_000);
    int publishers = 8;
    int each = 2_000;
    List<String> topics = List.of("t0", "t1", "t2");
    RecordingSubscriber all = new RecordingSubscriber();
    hub.subscribe(hub.attach(all), topics, null);
    RecordingSubscriber some = new RecordingSubscriber();
    hub.subscribe(hub.attach(some), List.of("t1"), null);

    ExecutorService publishing = Executors.newFixedThreadPool(publishers);
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<List<Message>>> results = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int id = p;
      results.add(
          publishing.submit(
              () -> {
                go.await();
                List<Message> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  mine.add(hub.publish(draft(topics.get((id + i) % 3), id * each + i)));
                }
                return mine;
              }));
    }
    go.countDown();
    Set<Long> ids = new HashSet<>();
    for (var f : results) {
      for (Message m : f.get(30, TimeUnit.SECONDS)) {
        assertTrue(ids.add(m.seq()), "duplicate id " + m.id());
      }
    }
    publishing.shutdown();
    int total = publishers * each;
    assertEquals(total, ids.size());
    assertEquals(total, hub.position().seq());

    List<Message> got = all.awaitMessages(total);
    assertEquals(total, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(i + 1, got.get(i).seq(), "delivery order equals history order");
    }
    List<Message> history = hub.read(topics, Cursor.EARLIEST).messages();
    assertEquals(got, history);
    List<Message> t1 =
        some.awaitMessages((int) history.stream().filter(m -> m.topic().equals("t1")).count());
    assertEquals(history.stream().filter(m -> m.topic().equals("t1")).toList(), t1);
  }

  @Test
  void resumeWhilePublishingJoinsTheLiveStreamWithoutLossOrDuplicate() throws Exception {
    // A small replay page: the resume is paged in many times while the publisher runs.
    Hub hub = hub(100_000, Duration.ofHours(1), 1_000_000, 7);
    int total = 20_000;
    Thread publisher =
        new Thread(
            () -> {
              for (int i = 1; i <= total; i++) {
                hub.publish(draft("a", i));
              }
            });
    publisher.start();
    while (hub.position().seq() < 1_000) {
      Thread.onSpinWait();
    }
    Cursor mid = new Cursor(hub.position().epoch(), 500);
    RecordingSubscriber rec = new RecordingSubscriber();
    hub.subscribe(hub.attach(rec), List.of("a"), mid.toString());
    publisher.join(30_000);
    List<Message> got = rec.awaitMessages(total - 500);
    assertEquals(total - 500, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(501 + i, got.get(i).seq());
    }
  }

  /** A clock tests can move. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
