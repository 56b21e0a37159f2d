package io.herald.hub;

/**
 * Input from a client or from application code that the hub refuses: a bad topic, event name,
 * cursor or payload. Transports turn it into a 400 problem or a WebSocket error frame.
 *
 * <p>Immutable; thrown by validation code on the caller's thread.
 */
public class InvalidInputException extends RuntimeException {
  private final String code;

  /**
   * @param code stable machine-readable code, e.g. {@code bad-topic}
   * @param message human-readable explanation naming the offending value
   */
  public InvalidInputException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** Stable machine-readable code, documented in {@code docs/protocol.md}. */
  public String code() {
    return code;
  }
}
