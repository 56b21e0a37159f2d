package io.herald.api.internal;

import io.herald.error.Failure;
import io.herald.error.HeraldException;

/**
 * A client request ({@link ClientRequest}) that got no reply: the application failed it ({@code
 * 422} with the application's code), nobody answered in time ({@code 504 request-timeout}), nobody
 * observes requests at all ({@code 501 no-responder}), or the connection has too many requests
 * waiting ({@code 429 too-many-requests}). WebSocket clients get an {@code error} frame with the
 * code and the request's {@code ref}.
 *
 * <p>Immutable.
 */
public final class RequestException extends HeraldException {
  private RequestException(Failure failure) {
    super(failure);
  }

  public static RequestException failed(String code, String message) {
    return new RequestException(Failure.of(code, 422, message));
  }

  static RequestException timeout(long millis) {
    return new RequestException(
        Failure.of("request-timeout", 504, "no reply within " + millis + " ms"));
  }

  static RequestException noResponder() {
    return new RequestException(
        Failure.of("no-responder", 501, "this server has no responder for requests"));
  }

  /** Too many requests of one connection are waiting for replies. */
  public static RequestException tooMany(int max) {
    return new RequestException(
        Failure.of("too-many-requests", 429, "at most " + max + " requests may wait for replies"));
  }
}
