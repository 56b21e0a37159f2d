package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryHistoryPageTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryHistory history = new InMemoryHistory(100, Duration.ofHours(1));

  /** Publishes {@code n} messages alternating over topics a and b: seq 1 on a, 2 on b, ... */
  private List<Message> fill(int n) {
    List<Draft> drafts = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      drafts.add(new Draft(i % 2 == 1 ? "a" : "b", "message", Integer.toString(i)));
    }
    return history.append(drafts, NOW);
  }

  private static List<Long> seqs(ReadResult r) {
    return r.messages().stream().map(Message::seq).toList();
  }

  @Test
  void forwardPagesFollowTheCursorWithNothingLostOrRepeated() {
    fill(7);
    Page page = new Page(3, Long.MAX_VALUE, false);
    ReadResult first = history.read(List.of("a", "b"), null, NOW, page);
    assertEquals(List.of(1L, 2L, 3L), seqs(first));
    assertTrue(first.more());
    assertEquals(3, first.cursor().seq());
    ReadResult second = history.read(List.of("a", "b"), first.cursor(), NOW, page);
    assertEquals(List.of(4L, 5L, 6L), seqs(second));
    assertTrue(second.more());
    ReadResult last = history.read(List.of("a", "b"), second.cursor(), NOW, page);
    assertEquals(List.of(7L), seqs(last));
    assertFalse(last.more());
    assertEquals(history.position(), last.cursor());
  }

  @Test
  void aPageExactlyFullSaysNoMore() {
    fill(3);
    ReadResult r = history.read(List.of("a", "b"), null, NOW, new Page(3, Long.MAX_VALUE, false));
    assertEquals(List.of(1L, 2L, 3L), seqs(r));
    assertFalse(r.more());
    assertEquals(3, r.cursor().seq());
  }

  @Test
  void reversePagesGoNewestFirstAndContinueBeforeTheCursor() {
    fill(5);
    Page page = new Page(2, Long.MAX_VALUE, true);
    ReadResult first = history.read(List.of("a", "b"), null, NOW, page);
    assertEquals(List.of(5L, 4L), seqs(first));
    assertTrue(first.more());
    assertEquals(4, first.cursor().seq());
    ReadResult second = history.read(List.of("a", "b"), first.cursor(), NOW, page);
    assertEquals(List.of(3L, 2L), seqs(second));
    ReadResult last = history.read(List.of("a", "b"), second.cursor(), NOW, page);
    assertEquals(List.of(1L), seqs(last));
    assertFalse(last.more());
    assertEquals(List.of(), last.gap());
  }

  @Test
  void reverseReadsOfOneTopicSkipTheOthers() {
    fill(6);
    ReadResult r = history.read(List.of("b"), null, NOW, new Page(10, Long.MAX_VALUE, true));
    assertEquals(List.of(6L, 4L, 2L), seqs(r));
    assertFalse(r.more());
  }

  @Test
  void theByteCapCutsThePageButNeverBelowOneMessage() {
    List<Message> stored = fill(4);
    long one = stored.get(0).json().length();
    ReadResult two = history.read(List.of("a", "b"), null, NOW, new Page(100, 2 * one, false));
    assertEquals(List.of(1L, 2L), seqs(two));
    assertTrue(two.more());
    assertEquals(2, two.cursor().seq());
    ReadResult tiny = history.read(List.of("a", "b"), null, NOW, new Page(100, 1, false));
    assertEquals(List.of(1L), seqs(tiny));
    assertTrue(tiny.more());
  }

  @Test
  void aForeignCursorReadsFromTheStartAndReportsTheGap() {
    fill(3);
    ReadResult r =
        history.read(
            List.of("a", "b"), new Cursor("zzz", 1), NOW, new Page(2, Long.MAX_VALUE, false));
    assertEquals(List.of(1L, 2L), seqs(r));
    assertEquals(List.of("a", "b"), r.gap());
    assertTrue(r.more());
  }

  @Test
  void pagesNeedRoom() {
    assertThrows(IllegalArgumentException.class, () -> new Page(0, 10, false));
    assertThrows(IllegalArgumentException.class, () -> new Page(1, 0, false));
  }
}
