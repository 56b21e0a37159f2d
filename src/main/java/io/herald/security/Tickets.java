package io.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived single-use tickets for clients that cannot send an {@code Authorization} header
 * (EventSource, browser WebSocket): an authenticated caller trades its credentials for a random
 * ticket, which it puts in the query string of one connection.
 *
 * <p>Thread-safe: redeeming removes the ticket atomically, so it works once only. Held in memory on
 * the node that issued it; at most {@value #MAX_OUTSTANDING} outstanding.
 */
@ApplicationScoped
public class Tickets {
  static final int MAX_OUTSTANDING = 100_000;

  private record Entry(Caller caller, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> outstanding = new ConcurrentHashMap<>();
  private final Clock clock;

  @Inject SecuritySettings settings;

  /** Reads the system clock. */
  public Tickets() {
    this(Clock.systemUTC());
  }

  /** For tests: reads the time from {@code clock}. */
  Tickets(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param caller an authenticated caller
   * @return a ticket redeemable once within {@link SecuritySettings#ticketTtl()}
   */
  public String issue(Caller caller) {
    if (!caller.authenticated()) {
      throw new AuthenticationException("unauthenticated", "a ticket needs credentials");
    }
    Instant now = clock.instant();
    if (outstanding.size() >= MAX_OUTSTANDING) {
      outstanding.values().removeIf(e -> !now.isBefore(e.expires()));
      if (outstanding.size() >= MAX_OUTSTANDING) {
        throw new AccessDeniedException("too many outstanding tickets; try again later");
      }
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    outstanding.put(ticket, new Entry(caller, now.plus(settings.ticketTtl())));
    return ticket;
  }

  /**
   * @return the caller the ticket was issued to
   * @throws AuthenticationException {@code invalid-ticket} if unknown, used or expired
   */
  public Caller redeem(String ticket) {
    Entry e = ticket == null ? null : outstanding.remove(ticket);
    if (e == null || !clock.instant().isBefore(e.expires())) {
      throw new AuthenticationException("invalid-ticket", "unknown, used or expired ticket");
    }
    return e.caller();
  }
}
