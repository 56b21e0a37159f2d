package io.herald.transport.ws;

import io.herald.error.CloseCode;
import io.herald.security.AccessDeniedException;
import io.herald.security.Caller;
import io.herald.security.TokenVerifier;
import io.herald.transport.ClientSession;
import java.security.Principal;

/**
 * One connection's caller over time: starts as the upgrade request's principal, may be replaced in
 * band by an {@code auth} frame carrying a fresh token for the same subject, which moves the
 * session's expiry to the new token's (the connection closes with {@link
 * CloseCode#POLICY_VIOLATION} when the current token expires, {@link WsConnection#expired}).
 *
 * <p>Thread-safe: the caller is read on frame threads; refreshes are serialised.
 */
final class WsAuth {
  private final TokenVerifier tokens;
  private final ClientSession session;
  private volatile Principal caller;

  WsAuth(TokenVerifier tokens, ClientSession session) {
    this.tokens = tokens;
    this.session = session;
    this.caller = session.caller();
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
    session.expiresFor(next);
    return next;
  }
}
