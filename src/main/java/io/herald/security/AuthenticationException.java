package io.herald.security;

/**
 * The caller's credentials are missing (where required), malformed, forged or expired. Transports
 * answer 401 problem+json or WebSocket close 1008.
 *
 * <p>Immutable.
 */
public class AuthenticationException extends RuntimeException {
  private final String code;

  /**
   * @param code stable code: {@code unauthenticated}, {@code invalid-token}, {@code token-expired}
   *     or {@code invalid-ticket}
   */
  public AuthenticationException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
