package io.herald.security;

import io.herald.error.Failure;
import io.herald.error.HeraldException;

/**
 * The caller may not do what it asked: 403 problem+json with code {@code forbidden}; on a live
 * WebSocket an {@code error} frame.
 *
 * <p>Immutable.
 */
public class AccessDeniedException extends HeraldException {
  public AccessDeniedException(String message) {
    super(Failure.of("forbidden", 403, message));
  }
}
