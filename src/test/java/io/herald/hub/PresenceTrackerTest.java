package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
  private final CountDownLatch paused = new CountDownLatch(1);
  private final Hub hub =
      new Hub(
          new InMemoryHistory(100, Duration.ofHours(1)),
          new HubSettings(100, Duration.ofHours(1), 10, 1L << 30, 100, 1L << 20),
          Runnable::run,
          Clock.systemUTC(),
          null);

  /** Holds the timer's thread, so its flushes run only when a test calls them. */
  private ScheduledExecutorService pausedTimer() {
    timer.execute(
        () -> {
          try {
            paused.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return timer;
  }

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  /** A subscriber with an identity that records what it is given. */
  private static final class Member extends RecordingSubscriber {
    private final String identity;
    private final boolean announced;

    Member(String identity, boolean announced) {
      this.identity = identity;
      this.announced = announced;
    }

    @Override
    public String identity() {
      return identity;
    }

    @Override
    public boolean announcesPresence() {
      return announced;
    }

    List<PresenceEvent> events() {
      List<PresenceEvent> out = new ArrayList<>();
      for (Outbound o : received()) {
        if (o instanceof PresenceEvent e) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /** Subscribes {@code m} to {@code topic} asking for its join and leave events. */
  private Outbox watch(RecordingSubscriber m, String topic, boolean named) {
    Outbox o = hub.attach(m);
    hub.subscribe(o, List.of(topic), null, t -> named);
    return o;
  }

  private Outbox join(Member m, String topic) {
    Outbox o = hub.attach(m);
    hub.subscribe(o, List.of(topic), null);
    return o;
  }

  @Test
  void watchersGetJoinsAndLeavesInOrderWithTheCountWhenSent() {
    Member watcher = new Member("w", true);
    Member named = new Member("alice", true);
    watch(watcher, "t", true);
    Outbox a = join(named, "t");
    Outbox anon = join(new Member(null, true), "t");
    hub.detach(a);
    hub.presenceTracker().flush();
    assertEquals(
        List.of(
            new PresenceEvent("t", true, "w", 2),
            new PresenceEvent("t", true, "alice", 2),
            new PresenceEvent("t", true, null, 2),
            new PresenceEvent("t", false, "alice", 2)),
        watcher.events());
    hub.unsubscribe(anon, List.of("t"));
    hub.presenceTracker().flush();
    assertEquals(new PresenceEvent("t", false, null, 1), watcher.events().get(4));
    assertEquals(List.of(), named.events(), "only watchers get events");
  }

  @Test
  void anUnnamedWatcherGetsNoIdentities() {
    Member watcher = new Member("w", true);
    watch(watcher, "t", false);
    join(new Member("alice", true), "t");
    hub.presenceTracker().flush();
    assertEquals(
        List.of(new PresenceEvent("t", true, null, 2), new PresenceEvent("t", true, null, 2)),
        watcher.events());
  }

  @Test
  void eventsAreOnlyForTheTopicsSubscribedWithThemAndStopWhenTheTopicIsLeft() {
    Member watcher = new Member("w", true);
    Outbox w = watch(watcher, "t", true);
    hub.subscribe(w, List.of("plain"), null);
    join(new Member("x", true), "plain");
    join(new Member("y", true), "elsewhere");
    hub.presenceTracker().flush();
    assertEquals(List.of(new PresenceEvent("t", true, "w", 1)), watcher.events());
    hub.unsubscribe(w, List.of("t"));
    hub.subscribe(w, List.of("t"), null);
    join(new Member("z", true), "t");
    hub.presenceTracker().flush();
    assertEquals(1, watcher.events().size(), "unsubscribing ended the watch: " + watcher.events());
  }

  @Test
  void longPollsAreNeitherCountedNorAnnounced() {
    Member watcher = new Member("w", true);
    watch(watcher, "t", true);
    hub.presenceTracker().flush();
    Outbox poll = join(new Member("p", false), "t");
    assertEquals(new Presence("t", 1, List.of("w")), hub.presence("t"));
    hub.detach(poll);
    hub.presenceTracker().flush();
    assertEquals(List.of(new PresenceEvent("t", true, "w", 1)), watcher.events());
  }

  @Test
  void aStormIsBoundedPerTickAndTheLastEventCarriesTheFinalCount() {
    // 20 events a second: 2 per 100 ms tick, at most 20 waiting.
    hub.presenceTracker().start(PresenceBoard.LOCAL, pausedTimer(), 20);
    Member watcher = new Member("w", true);
    watch(watcher, "t", true);
    for (int i = 0; i < 100; i++) {
      join(new Member("m" + i, true), "t");
    }
    List<PresenceEvent> before = watcher.events();
    hub.presenceTracker().flush();
    List<PresenceEvent> after = watcher.events();
    assertEquals(List.of(), before);
    assertEquals(2, after.size(), "one tick sends 2");
    for (int i = 0; i < 20; i++) {
      hub.presenceTracker().flush();
    }
    List<PresenceEvent> all = watcher.events();
    assertEquals(20, all.size(), "at most a second's worth waited: " + all);
    assertEquals(new PresenceEvent("t", true, "m99", 101), all.get(all.size() - 1));
  }

  @Test
  void aSharedBoardIsToldTheLocalPresenceAndItsCountIsWhatWatchersGet() {
    List<Presence> published = new ArrayList<>();
    PresenceBoard board =
        new PresenceBoard() {
          @Override
          public void publish(Presence local, List<PresenceChange> changes, Sink sink) {
            published.add(local);
            sink.changed(local.topic(), local.count() + 10, changes);
          }

          @Override
          public Presence presence(Presence local) {
            return new Presence(local.topic(), local.count() + 10, local.members());
          }

          @Override
          public void start(
              Sink sink, Supplier<List<Presence>> snapshot, ScheduledExecutorService t) {}
        };
    hub.presenceTracker().start(board, pausedTimer(), 50);
    Member watcher = new Member("w", true);
    watch(watcher, "t", true);
    hub.presenceTracker().flush();
    assertEquals(List.of(new Presence("t", 1, List.of("w"))), published);
    assertEquals(List.of(new PresenceEvent("t", true, "w", 11)), watcher.events());
    assertEquals(new Presence("t", 11, List.of("w")), hub.presence("t"));
  }

  @Test
  void eventsGoThroughTheWatchersBoundedOutbox() {
    RecordingSubscriber stuck =
        new RecordingSubscriber() {
          @Override
          public synchronized void deliver(List<Outbound> batch, Runnable done) {
            // never done: one batch in flight, the rest queue up to the bound of 10
          }
        };
    watch(stuck, "t", true);
    for (int i = 0; i < 30; i++) {
      join(new Member("m" + i, true), "t");
    }
    for (int i = 0; i < 6; i++) {
      hub.presenceTracker().flush();
    }
    assertTrue(stuck.wasOverflowed());
    assertEquals(new Presence("t", 30, hub.presence("t").members()), hub.presence("t"));
  }
}
