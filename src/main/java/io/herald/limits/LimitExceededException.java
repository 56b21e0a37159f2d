package io.herald.limits;

import io.herald.error.CloseCode;
import io.herald.error.Failure;
import io.herald.error.HeraldException;

/**
 * A client went past one of the {@link Limits}. Carries everything a transport needs to refuse
 * clearly: a stable code, the HTTP status, an optional {@code Retry-After} and the WebSocket close
 * code (none when a WebSocket answers with an {@code error} frame and keeps the connection).
 *
 * <p>Immutable.
 */
public class LimitExceededException extends HeraldException {

  /**
   * @param code stable machine-readable code, e.g. {@code too-large}
   * @param status HTTP status: 413, 400, 429 or 503
   * @param retryAfterSeconds seconds for {@code Retry-After}, or 0 for none
   * @param close WebSocket close code, or {@code null} to answer with an error frame instead
   * @param message human-readable explanation naming the limit
   */
  public LimitExceededException(
      String code, int status, int retryAfterSeconds, CloseCode close, String message) {
    super(new Failure(code, status, close, retryAfterSeconds, message, null));
  }

  /** WebSocket close code, or 0 when the connection stays open and gets an error frame. */
  public int closeCode() {
    CloseCode close = failure().close();
    return close == null ? 0 : close.code();
  }
}
