package io.herald.hub;

/**
 * The hub cannot take work now (stopped, or its history store is unreachable). Transports answer
 * 503 with {@code Retry-After} or close with 1001/1013 so clients back off and resume.
 *
 * <p>Immutable.
 */
public class HubUnavailableException extends RuntimeException {
  public HubUnavailableException(String message) {
    super(message, null, false, false);
  }
}
