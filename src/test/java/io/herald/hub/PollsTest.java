package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** {@link Polls} on its own: a lock, a registry and a history, no {@link Hub}. */
class PollsTest {
  private final InMemoryHistory history = new InMemoryHistory(100, Duration.ofHours(1));
  private final SubscriberRegistry registry = new SubscriberRegistry(new PresenceTracker());
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private boolean running = true;
  private final Polls polls =
      new Polls(new ReentrantLock(), registry, history, clock, () -> running);

  private Outbox attached() {
    Outbox sub =
        new Outbox(
            new RecordingSubscriber(),
            Runnable::run,
            100,
            1L << 20,
            s -> {},
            s -> {},
            HubMetrics.NONE);
    registry.add(sub);
    return sub;
  }

  private List<Message> store(String... topics) {
    return history.append(
        Arrays.stream(topics).map(t -> new Draft(t, "e", "1")).toList(), clock.instant());
  }

  @Test
  void readWithoutSinceGivesOnlyThePositionAndWithACursorWhatCameAfter() {
    List<Message> stored = store("a", "b", "a");
    assertEquals(
        new ReadResult(List.of(), stored.get(2).id(), List.of()),
        polls.read(List.of("a"), null, Page.ALL));
    ReadResult after = polls.read(List.of("a"), stored.get(0).id().toString(), Page.ALL);
    assertEquals(List.of(stored.get(2)), after.messages());
    assertEquals(stored.get(2).id(), after.cursor());
  }

  @Test
  void readOrWaitAnswersAtOnceAndDetachesWhenSomethingIsThere() {
    List<Message> stored = store("a");
    Outbox sub = attached();
    ReadResult answer = polls.readOrWait(sub, List.of("a"), Cursor.EARLIEST, Page.ALL);
    assertEquals(stored, answer.messages());
    assertTrue(sub.isClosed());
    assertEquals(0, registry.size());
  }

  @Test
  void readOrWaitJoinsTheTopicsAtTheCursorItReadWhenNothingIsThere() {
    Message m = store("a").get(0);
    Outbox sub = attached();
    assertNull(polls.readOrWait(sub, List.of("a", "b"), m.id().toString(), Page.ALL));
    assertFalse(sub.isClosed());
    assertEquals(Map.of("a", 1, "b", 1), registry.counts());
    assertEquals(Map.of("a", 1L, "b", 1L), sub.highWater);
  }

  @Test
  void stopWaitingDetachesAndAnswersWithThePositionOnce() {
    Message m = store("a").get(0);
    Outbox sub = attached();
    assertNull(polls.readOrWait(sub, List.of("b"), m.id().toString(), Page.ALL));
    store("c");
    assertEquals(new Cursor(history.epoch(), 2), polls.stopWaiting(sub));
    assertTrue(sub.isClosed());
    assertEquals(0, registry.size());
    assertNull(polls.stopWaiting(sub), "a poll ends once");
  }

  @Test
  void aStoppedHubRefusesPollsAndLetsTheWaitingOneGo() {
    running = false;
    Outbox sub = attached();
    assertThrows(HubUnavailableException.class, () -> polls.read(List.of("a"), null, Page.ALL));
    assertThrows(
        HubUnavailableException.class,
        () -> polls.readOrWait(sub, List.of("a"), Cursor.EARLIEST, Page.ALL));
    assertTrue(sub.isClosed());
    assertEquals(0, registry.size());
  }

  @Test
  void aMalformedCursorDetachesTheWaitingPoll() {
    Outbox sub = attached();
    assertThrows(
        InvalidInputException.class, () -> polls.readOrWait(sub, List.of("a"), "nope", Page.ALL));
    assertTrue(sub.isClosed());
  }
}
