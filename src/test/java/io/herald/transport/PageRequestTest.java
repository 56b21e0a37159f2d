package io.herald.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.hub.InvalidInputException;
import io.herald.hub.Page;
import io.herald.limits.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {
  /** Limits of at most 1000 messages and 5 bytes a page. */
  private static final Limits LIMITS =
      new Limits() {
        @Override
        public int historyPageMaxMessages() {
          return 1000;
        }

        @Override
        public int historyPageMaxBytes() {
          return 5;
        }
      };

  @Test
  void aPageTakesTheRequestedLimitUpToTheMaximumAndTheByteCap() {
    assertEquals(new Page(100, 5, false), PageRequest.of(LIMITS, null, false));
    assertEquals(new Page(1000, 5, true), PageRequest.of(LIMITS, "1000", true));
    assertEquals(new Page(1, 5, false), PageRequest.of(LIMITS, " 1 ", false));
  }

  @Test
  void anythingElseIsBadLimit() {
    for (String bad : List.of("0", "1001", "-1", "ten", "", "1.5", "\"5\"")) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> PageRequest.of(LIMITS, bad, false), bad);
      assertEquals("bad-limit", e.code());
      assertEquals("limit must be a whole number from 1 to 1000", e.getMessage());
    }
  }

  @Test
  void theDefaultIsNeverMoreThanTheMaximum() {
    Limits small =
        new Limits() {
          @Override
          public int historyPageMaxMessages() {
            return 10;
          }

          @Override
          public int historyPageMaxBytes() {
            return 1;
          }
        };
    assertEquals(new Page(10, 1, false), PageRequest.of(small, null, false));
  }
}
