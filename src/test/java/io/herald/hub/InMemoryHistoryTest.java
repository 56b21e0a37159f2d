package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Age expiry of the in-memory history: idle topics forgotten, gaps kept, work done in slices. */
class InMemoryHistoryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration AGE = Duration.ofMinutes(1);

  private final InMemoryHistory history = new InMemoryHistory(10, AGE);

  private Message publish(String topic, Instant at) {
    return history.append(List.of(new Draft(topic, "e", "1")), at).get(0);
  }

  @Test
  void aTopicWhoseHistoryAgedOutAndThatNobodyHoldsIsForgotten() {
    publish("a", T0);
    publish("b", T0.plusSeconds(30));
    assertFalse(history.expire(T0.plusSeconds(61), t -> false));
    assertEquals(1, history.topicCount(), "b is still within its age");
    assertFalse(history.expire(T0.plusSeconds(91), t -> false));
    assertEquals(0, history.topicCount());
  }

  @Test
  void aHeldTopicIsKeptEmptyUntilNobodyHoldsIt() {
    publish("a", T0);
    history.expire(T0.plusSeconds(61), t -> t.equals("a"));
    assertEquals(1, history.topicCount());
    history.expire(T0.plusSeconds(100), t -> false);
    assertEquals(1, history.topicCount(), "looked at again one max-age after it emptied");
    history.expire(T0.plusSeconds(122), t -> false);
    assertEquals(0, history.topicCount());
  }

  @Test
  void anOldCursorOnAForgottenTopicGetsTheGapItWouldHaveGotForEvictedHistory() {
    Message first = publish("a", T0);
    Message second = publish("a", T0);
    history.expire(T0.plusSeconds(61), t -> false);
    assertEquals(0, history.topicCount());
    Instant now = T0.plusSeconds(62);
    ReadResult old = history.read(List.of("a"), new Cursor(first.id().epoch(), 0), now);
    assertEquals(List.of(), old.messages());
    assertEquals(List.of("a"), old.gap());
    assertEquals(List.of("a"), history.read(List.of("a"), first.id(), now).gap());
    assertEquals(List.of(), history.read(List.of("a"), second.id(), now).gap());
    assertEquals(List.of(), history.read(List.of("a"), null, now).gap(), "earliest: no gap");
  }

  @Test
  void aForgottenTopicPublishedAgainStillTellsAnOldCursorOfTheGap() {
    Message first = publish("a", T0);
    publish("a", T0);
    history.expire(T0.plusSeconds(61), t -> false);
    Message again = publish("a", T0.plusSeconds(70));
    ReadResult r = history.read(List.of("a"), first.id(), T0.plusSeconds(71));
    assertEquals(List.of(again.id()), r.messages().stream().map(Message::id).toList());
    assertEquals(List.of("a"), r.gap());
  }

  @Test
  void expiryWorksInSlicesAndOnlyOnWhatIsDue() {
    int topics = 2 * InMemoryHistory.EXPIRY_SLICE + 500;
    for (int i = 0; i < topics; i++) {
      publish("t/" + i, T0);
    }
    publish("fresh", T0.plusSeconds(50));
    assertFalse(history.expire(T0.plusSeconds(30), t -> false), "nothing due: one call");
    assertEquals(topics + 1, history.topicCount());
    Instant later = T0.plusSeconds(61);
    assertTrue(history.expire(later, t -> false));
    assertEquals(topics + 1 - InMemoryHistory.EXPIRY_SLICE, history.topicCount());
    assertTrue(history.expire(later, t -> false));
    assertFalse(history.expire(later, t -> false));
    assertEquals(1, history.topicCount(), "only the topic that has not aged out is left");
  }

  @Test
  void aTopicTrimmedByCountIsStillExpiredByTheAgeOfWhatItKeeps() {
    for (int i = 0; i < 15; i++) {
      publish("a", T0.plusSeconds(i));
    }
    history.expire(T0.plusSeconds(66), t -> false);
    assertEquals(1, history.topicCount(), "the newest kept message is 14 s younger");
    ReadResult r = history.read(List.of("a"), null, T0.plusSeconds(66));
    assertEquals(9, r.messages().size());
    history.expire(T0.plusSeconds(75), t -> false);
    assertEquals(0, history.topicCount());
  }
}
