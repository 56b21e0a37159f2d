package io.herald.security;

import io.herald.error.Failure;
import io.herald.error.HeraldException;

/**
 * The caller's credentials are missing (where required), malformed, forged or expired: 401
 * problem+json with {@code WWW-Authenticate: Bearer}; on a live WebSocket an {@code error} frame
 * (at connect, the endpoint closes with 1008 instead, see {@link Refusal}).
 *
 * <p>Immutable.
 */
public class AuthenticationException extends HeraldException {
  /** The challenge sent with a 401 from the REST API. */
  static final String CHALLENGE = "Bearer";

  /**
   * @param code stable code: {@code unauthenticated}, {@code invalid-token}, {@code token-expired}
   *     or {@code invalid-ticket}
   */
  public AuthenticationException(String code, String message) {
    super(new Failure(code, 401, null, 0, message, CHALLENGE));
  }
}
