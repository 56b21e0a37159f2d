package io.herald.transport.ws;

import io.herald.error.CloseCode;
import io.herald.security.AccessDeniedException;
import io.herald.security.Caller;
import io.herald.security.Expiry;
import io.herald.security.TokenVerifier;
import java.security.Principal;
import java.util.concurrent.Future;

/**
 * One connection's caller over time: starts as the upgrade request's principal, may be replaced in
 * band by an {@code auth} frame carrying a fresh token for the same subject, and closes the
 * connection with 1008 when the current token expires.
 *
 * <p>Thread-safe: the caller is read on frame threads, the timer fires on the managed scheduler.
 */
final class WsAuth {
  /**
   * {@link CloseCode#POLICY_VIOLATION}'s number, for {@link HeraldSocket}'s refused upgrades until
   * it closes with {@link CloseCode} itself.
   */
  static final int POLICY = CloseCode.POLICY_VIOLATION.code();

  private final Expiry expiry;
  private final TokenVerifier tokens;
  private final WsConnection connection;
  private volatile Principal caller;
  private Future<?> timer;

  WsAuth(Expiry expiry, TokenVerifier tokens, WsConnection connection, Principal caller) {
    this.expiry = expiry;
    this.tokens = tokens;
    this.connection = connection;
    this.caller = caller;
    schedule();
  }

  Principal caller() {
    return caller;
  }

  /**
   * Verifies a fresh token and makes it the connection's caller.
   *
   * @return the new caller
   * @throws io.herald.security.AuthenticationException if the token is not valid
   * @throws AccessDeniedException if it names another subject than the connection's
   */
  synchronized Caller refresh(String token) {
    Caller next = tokens.verify(token);
    Caller now = Caller.of(caller);
    if (now.authenticated() && !now.subject().equals(next.subject())) {
      throw new AccessDeniedException("a refreshed token must be for the same subject");
    }
    caller = next;
    cancel();
    schedule();
    return next;
  }

  synchronized void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private synchronized void schedule() {
    timer =
        expiry.onExpiry(
            caller,
            () ->
                connection.close(
                    CloseCode.POLICY_VIOLATION.code(),
                    "token-expired: send a fresh token or reconnect"));
  }
}
