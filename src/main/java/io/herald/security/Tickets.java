package io.herald.security;

import io.herald.error.Failure;
import io.herald.error.HeraldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Short-lived single-use tickets for clients that cannot send an {@code Authorization} header
 * (EventSource, browser WebSocket): an authenticated caller trades its credentials for a random
 * ticket, which it puts in the query string of one connection ({@link Authenticator} accepts it
 * nowhere else).
 *
 * <p>Bounds, each checked before a ticket is made: a ticket is redeemable until {@link
 * SecuritySettings#ticketTtl()} or its caller's own expiry, whichever comes first; one caller
 * (subject) holds at most {@link SecuritySettings#maxTicketsPerCaller()} outstanding tickets (429
 * {@code too-many-tickets}); the server at most {@value #MAX_OUTSTANDING} (503 {@code overloaded}).
 * Both answers carry {@code Retry-After}.
 *
 * <p>Thread-safe: every method holds the instance lock (tickets are issued at human rates), and
 * redeeming removes the ticket, so it works once only. Held in memory on the node that issued it.
 * Called by {@code TicketResource}, the admin API and {@link Authenticator}.
 */
@ApplicationScoped
public class Tickets {
  static final int MAX_OUTSTANDING = 100_000;

  private record Entry(Caller caller, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> outstanding = new HashMap<>();
  private final Map<String, Integer> perCaller = new HashMap<>();
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
   * @return a ticket redeemable once, until {@link #expiry} of the same caller
   * @throws AuthenticationException {@code unauthenticated} for an anonymous caller, {@code
   *     token-expired} for one whose credentials have ended
   * @throws HeraldException 429 {@code too-many-tickets} when the caller holds its quota, 503
   *     {@code overloaded} when the server does
   */
  public synchronized String issue(Caller caller) {
    if (!caller.authenticated()) {
      throw new AuthenticationException("unauthenticated", "a ticket needs credentials");
    }
    Instant now = clock.instant();
    Instant expires = expiry(caller, now);
    if (!now.isBefore(expires)) {
      throw new AuthenticationException("token-expired", "the credentials have expired");
    }
    int quota = settings.maxTicketsPerCaller();
    if (held(caller) >= quota || outstanding.size() >= MAX_OUTSTANDING) {
      dropExpired(now);
    }
    if (held(caller) >= quota) {
      throw new HeraldException(
          new Failure(
              "too-many-tickets",
              429,
              null,
              retryAfter(),
              caller.subject() + " holds " + quota + " unused tickets; redeem or let them expire",
              null));
    }
    if (outstanding.size() >= MAX_OUTSTANDING) {
      throw new HeraldException(
          new Failure("overloaded", 503, null, retryAfter(), "too many outstanding tickets", null));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    outstanding.put(ticket, new Entry(caller, expires));
    perCaller.merge(caller.subject(), 1, Integer::sum);
    return ticket;
  }

  /**
   * When a ticket issued now to {@code caller} stops being redeemable: after the ticket TTL, or
   * when the caller's credentials expire if that is sooner, so a ticket never outlives them.
   */
  public Instant expiry(Caller caller, Instant now) {
    Instant byTtl = now.plus(settings.ticketTtl());
    return caller.expires() != null && caller.expires().isBefore(byTtl) ? caller.expires() : byTtl;
  }

  /** Seconds a ticket issued now to {@code caller} stays redeemable (for {@code expiresIn}). */
  public long expiresIn(Caller caller) {
    Instant now = clock.instant();
    return Math.max(0, Duration.between(now, expiry(caller, now)).toSeconds());
  }

  /**
   * @return the caller the ticket was issued to (its connection ends when the caller's credentials
   *     expire, {@link Caller#expires()})
   * @throws AuthenticationException {@code invalid-ticket} if unknown, used or expired
   */
  public synchronized Caller redeem(String ticket) {
    Entry e = ticket == null ? null : outstanding.remove(ticket);
    if (e != null) {
      release(e.caller());
    }
    if (e == null || !clock.instant().isBefore(e.expires())) {
      throw new AuthenticationException("invalid-ticket", "unknown, used or expired ticket");
    }
    return e.caller();
  }

  /** Outstanding tickets in total, expired ones not yet dropped included (tests, metrics). */
  synchronized int outstanding() {
    return outstanding.size();
  }

  private int held(Caller caller) {
    return perCaller.getOrDefault(caller.subject(), 0);
  }

  private void dropExpired(Instant now) {
    var it = outstanding.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (!now.isBefore(e.expires())) {
        it.remove();
        release(e.caller());
      }
    }
  }

  private void release(Caller caller) {
    perCaller.computeIfPresent(caller.subject(), (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Every outstanding ticket expires within the TTL, so by then the caller may try again. */
  private int retryAfter() {
    return (int) Math.max(1, settings.ticketTtl().toSeconds());
  }
}
