package io.herald.security;

/**
 * The caller may not do what it asked. Transports answer 403 problem+json or WebSocket close 1008.
 *
 * <p>Immutable.
 */
public class AccessDeniedException extends RuntimeException {
  public AccessDeniedException(String message) {
    super(message, null, false, false);
  }
}
