package io.herald.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends live connections when their caller's credentials expire (a token's {@code exp}, a session's
 * TTL, plus the clock skew token verification allows: {@link SecuritySettings#honouredUntil}):
 * transports register what to do and cancel it when the connection ends first.
 *
 * <p>Thread-safe; application-scoped. Runs actions on the container's managed scheduler.
 */
@ApplicationScoped
public class Expiry {
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject SecuritySettings settings;

  /**
   * @return the scheduled action (cancel it when the connection ends), or null when the caller's
   *     credentials do not expire
   */
  public ScheduledFuture<?> onExpiry(Principal principal, Runnable action) {
    Instant expires = settings.honouredUntil(Caller.of(principal).expires());
    if (expires == null) {
      return null;
    }
    long delay = Math.max(0, Duration.between(Instant.now(), expires).toMillis());
    return scheduler.schedule(action, delay, TimeUnit.MILLISECONDS);
  }

  /** {@code seconds}, shortened so that a wait (a long poll) ends before the caller's token. */
  public int capSeconds(Principal principal, int seconds) {
    Instant expires = settings.honouredUntil(Caller.of(principal).expires());
    if (expires == null) {
      return seconds;
    }
    // Rounded up, so the wait ends at or after the expiry, never just before it.
    long leftMillis = Duration.between(Instant.now(), expires).toMillis();
    long left = (leftMillis + 999) / 1000;
    return (int) Math.max(0, Math.min(seconds, left));
  }
}
