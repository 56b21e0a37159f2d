package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketsTest {
  private static final Caller ALICE =
      new Caller("alice", List.of(TopicPattern.of("a/*")), List.of(), Set.of(), null);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Tickets tickets = new Tickets(clock);

  TicketsTest() {
    tickets.settings = TestSettings.of("herald.security.ticket-ttl", "PT30S");
  }

  @Test
  void redeemsOnceForTheCallerItWasIssuedTo() {
    String ticket = tickets.issue(ALICE);
    assertTrue(ticket.matches("[A-Za-z0-9_-]{43}"), ticket);
    assertSame(ALICE, tickets.redeem(ticket));
    assertRefused(() -> tickets.redeem(ticket));
  }

  @Test
  void eachTicketIsDifferent() {
    assertNotEquals(tickets.issue(ALICE), tickets.issue(ALICE));
  }

  @Test
  void redeemableUntilJustBeforeTheTtlEnds() {
    String ticket = tickets.issue(ALICE);
    clock.advance(Duration.ofSeconds(30).minusMillis(1));
    assertSame(ALICE, tickets.redeem(ticket));
  }

  @Test
  void expiredAtTheTtl() {
    String ticket = tickets.issue(ALICE);
    clock.advance(Duration.ofSeconds(30));
    assertRefused(() -> tickets.redeem(ticket));
  }

  @Test
  void theTtlComesFromSettings() {
    tickets.settings = TestSettings.of("herald.security.ticket-ttl", "PT5S");
    String ticket = tickets.issue(ALICE);
    clock.advance(Duration.ofSeconds(5));
    assertRefused(() -> tickets.redeem(ticket));
  }

  @Test
  void theDefaultTtlIsThirtySeconds() {
    tickets.settings = TestSettings.of();
    String early = tickets.issue(ALICE);
    String late = tickets.issue(ALICE);
    clock.advance(Duration.ofSeconds(29));
    assertSame(ALICE, tickets.redeem(early));
    clock.advance(Duration.ofSeconds(1));
    assertRefused(() -> tickets.redeem(late));
  }

  @Test
  void unknownMissingAndEmptyTicketsAreRefused() {
    assertRefused(() -> tickets.redeem("no-such-ticket"));
    assertRefused(() -> tickets.redeem(null));
    assertRefused(() -> tickets.redeem(""));
  }

  @Test
  void anonymousCallersGetNoTicket() {
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> tickets.issue(Caller.ANONYMOUS));
    assertEquals("unauthenticated", e.code());
    assertEquals("a ticket needs credentials", e.getMessage());
  }

  @Test
  void theCapRefusesNewTicketsUntilOldOnesExpire() {
    for (int i = 0; i < Tickets.MAX_OUTSTANDING; i++) {
      tickets.issue(ALICE);
    }
    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> tickets.issue(ALICE));
    assertEquals("too many outstanding tickets; try again later", e.getMessage());

    // Expired tickets are swept when the cap is reached, which makes room again.
    clock.advance(Duration.ofSeconds(30));
    String ticket = tickets.issue(ALICE);
    assertSame(ALICE, tickets.redeem(ticket));
  }

  @Test
  void redeemingFreesAPlaceUnderTheCap() {
    String first = tickets.issue(ALICE);
    for (int i = 1; i < Tickets.MAX_OUTSTANDING; i++) {
      tickets.issue(ALICE);
    }
    assertThrows(AccessDeniedException.class, () -> tickets.issue(ALICE));
    tickets.redeem(first);
    assertSame(ALICE, tickets.redeem(tickets.issue(ALICE)));
  }

  private static void assertRefused(org.junit.jupiter.api.function.Executable redeem) {
    AuthenticationException e = assertThrows(AuthenticationException.class, redeem);
    assertEquals("invalid-ticket", e.code());
    assertEquals("unknown, used or expired ticket", e.getMessage());
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
