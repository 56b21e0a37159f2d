package io.herald.limits;

/**
 * A client went past one of the {@link Limits}. Carries everything a transport needs to refuse
 * clearly: a stable code, the HTTP status, an optional {@code Retry-After} and the WebSocket close
 * code (0 when a WebSocket answers with an {@code error} frame and keeps the connection).
 *
 * <p>Immutable.
 */
public class LimitExceededException extends RuntimeException {
  private final String code;
  private final int status;
  private final int retryAfterSeconds;
  private final int closeCode;

  /**
   * @param code stable machine-readable code, e.g. {@code too-large}
   * @param status HTTP status: 413, 400, 429 or 503
   * @param retryAfterSeconds seconds for {@code Retry-After}, or 0 for none
   * @param closeCode WebSocket close code, or 0 to answer with an error frame instead
   * @param message human-readable explanation naming the limit
   */
  public LimitExceededException(
      String code, int status, int retryAfterSeconds, int closeCode, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.closeCode = closeCode;
  }

  /** Stable machine-readable code, documented in {@code docs/protocol.md}. */
  public String code() {
    return code;
  }

  /** HTTP status to answer with. */
  public int status() {
    return status;
  }

  /** Seconds for the {@code Retry-After} header, or 0 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** WebSocket close code, or 0 when the connection stays open and gets an error frame. */
  public int closeCode() {
    return closeCode;
  }
}
