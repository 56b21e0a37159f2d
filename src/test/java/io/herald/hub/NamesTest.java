package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void acceptsTheWholeAlphabetUpTo128Characters() {
    assertEquals("Az09_.:/~-", Names.topic("Az09_.:/~-"));
    assertEquals(128, Names.topic("x".repeat(128)).length());
  }

  @Test
  void refusesAnythingElse() {
    for (String bad :
        new String[] {null, "", "x".repeat(129), "a b", "a?b", "é", "a\nb", "a\"b", "*"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> Names.topic(bad));
      assertEquals("bad-topic", e.code());
    }
  }

  @Test
  void topicListsMustBeNonEmptyAndAreDeduplicatedInOrder() {
    assertEquals(List.of("b", "a"), Names.topics(List.of("b", "a", "b")));
    assertThrows(InvalidInputException.class, () -> Names.topics(List.of()));
  }

  @Test
  void eventsDefaultToMessageAndReservedNamesAreRefused() {
    assertEquals("message", Names.event(null));
    assertEquals("tick", Names.event("tick"));
    for (String bad : new String[] {"", "gap", "subscribed", "a b", "x".repeat(65)}) {
      assertEquals(
          "bad-event", assertThrows(InvalidInputException.class, () -> Names.event(bad)).code());
    }
  }
}
