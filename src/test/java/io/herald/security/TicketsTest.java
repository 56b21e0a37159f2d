package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.error.HeraldException;
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
  void theServerWideCapAnswers503UntilOldOnesExpire() {
    fillServerCap();
    HeraldException e = assertThrows(HeraldException.class, () -> tickets.issue(ALICE));
    assertFailure(e, "overloaded", 503, 30, "too many outstanding tickets");

    // Expired tickets are swept when the cap is reached, which makes room again.
    clock.advance(Duration.ofSeconds(30));
    String ticket = tickets.issue(ALICE);
    assertSame(ALICE, tickets.redeem(ticket));
    assertEquals(0, tickets.outstanding());
  }

  @Test
  void redeemingFreesAPlaceUnderTheServerWideCap() {
    String first = tickets.issue(ALICE);
    for (int i = 1; i < Tickets.MAX_OUTSTANDING; i++) {
      tickets.issue(caller("u" + i));
    }
    assertThrows(HeraldException.class, () -> tickets.issue(ALICE));
    tickets.redeem(first);
    assertSame(ALICE, tickets.redeem(tickets.issue(ALICE)));
  }

  @Test
  void oneCallerHoldsAtMostItsQuotaOfUnusedTickets() {
    for (int i = 0; i < 20; i++) {
      tickets.issue(ALICE);
    }
    HeraldException e = assertThrows(HeraldException.class, () -> tickets.issue(ALICE));
    assertFailure(
        e, "too-many-tickets", 429, 30, "alice holds 20 unused tickets; redeem or let them expire");
    // Others are not affected.
    tickets.issue(caller("bob"));
    assertEquals(21, tickets.outstanding());
  }

  @Test
  void redeemingOrExpiryGivesTheQuotaBack() {
    tickets.settings =
        TestSettings.of(
            "herald.security.max-tickets-per-caller", "2", "herald.security.ticket-ttl", "PT10S");
    String a = tickets.issue(ALICE);
    tickets.issue(ALICE);
    assertThrows(HeraldException.class, () -> tickets.issue(ALICE));
    tickets.redeem(a);
    tickets.issue(ALICE);
    assertThrows(HeraldException.class, () -> tickets.issue(ALICE));
    clock.advance(Duration.ofSeconds(10));
    tickets.issue(ALICE);
    tickets.issue(ALICE);
    assertEquals(2, tickets.outstanding());
  }

  @Test
  void theQuotaCountsBySubjectNotByCallerObject() {
    tickets.settings = TestSettings.of("herald.security.max-tickets-per-caller", "1");
    tickets.issue(ALICE);
    HeraldException e = assertThrows(HeraldException.class, () -> tickets.issue(caller("alice")));
    assertEquals("too-many-tickets", e.code());
  }

  @Test
  void aTicketNeverOutlivesItsCredentials() {
    Instant exp = clock.instant().plusSeconds(10);
    Caller shortLived = new Caller("sid", List.of(), List.of(), Set.of(), exp);
    assertEquals(exp, tickets.expiry(shortLived, clock.instant()));
    assertEquals(10, tickets.expiresIn(shortLived));
    assertEquals(30, tickets.expiresIn(ALICE));
    String ticket = tickets.issue(shortLived);
    clock.advance(Duration.ofSeconds(10));
    assertRefused(() -> tickets.redeem(ticket));
  }

  @Test
  void expiredCredentialsGetNoTicket() {
    Caller gone = new Caller("old", List.of(), List.of(), Set.of(), clock.instant());
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> tickets.issue(gone));
    assertEquals("token-expired", e.code());
    assertEquals(0, tickets.outstanding());
  }

  private void fillServerCap() {
    for (int i = 0; i < Tickets.MAX_OUTSTANDING; i++) {
      tickets.issue(caller("u" + i));
    }
  }

  private static Caller caller(String subject) {
    return new Caller(subject, List.of(), List.of(), Set.of(), null);
  }

  private static void assertFailure(
      HeraldException e, String code, int status, int retryAfter, String message) {
    assertEquals(code, e.code());
    assertEquals(status, e.status());
    assertEquals(retryAfter, e.retryAfterSeconds());
    assertEquals(message, e.getMessage());
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
