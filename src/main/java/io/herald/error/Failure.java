package io.herald.error;

import io.herald.hub.HubUnavailableException;
import io.herald.hub.InvalidInputException;
import jakarta.ws.rs.WebApplicationException;

/**
 * What a failure means to a client, whatever threw it: Herald's stable {@code code}, the HTTP
 * {@code status}, the WebSocket {@code close} code (or {@code null}: a WebSocket answers with an
 * {@code error} frame and carries on), the seconds for {@code Retry-After} (0 for none), the
 * human-readable {@code message}, and the {@code WWW-Authenticate} {@code challenge} (or {@code
 * null}). Every transport answers from these values alone: the REST API through {@link
 * ProblemMapper}, the security filter through {@link Problem#write}, the WebSocket by closing or
 * sending an error frame.
 *
 * <p>Immutable.
 *
 * @param code stable machine-readable code, documented in {@code docs/protocol.md}
 * @param status HTTP status
 * @param close WebSocket close code, or {@code null} to answer with an error frame instead
 * @param retryAfterSeconds seconds for {@code Retry-After}, or 0 for none
 * @param message human-readable explanation
 * @param challenge value of {@code WWW-Authenticate}, or {@code null} for none
 */
public record Failure(
    String code,
    int status,
    CloseCode close,
    int retryAfterSeconds,
    String message,
    String challenge) {

  /** Code of a failure nobody anticipated: answered as 500 without internals. */
  public static final String INTERNAL = "internal";

  /** Seconds a client should wait after the hub said it is unavailable. */
  static final int UNAVAILABLE_RETRY_SECONDS = 5;

  private static final Failure UNEXPECTED =
      new Failure(INTERNAL, 500, null, 0, "internal error", null);

  /** A failure without close code, retry hint or challenge. */
  public static Failure of(String code, int status, String message) {
    return new Failure(code, status, null, 0, message, null);
  }

  /**
   * The one translation of anything thrown into what the client is told: a {@link HeraldException}
   * carries its own values; the hub's exceptions (the hub imports nothing of Herald, so they cannot
   * be family members) and JAX-RS's own errors are translated here; anything else is {@link
   * #unexpected() unexpected}.
   */
  public static Failure of(Throwable thrown) {
    if (thrown instanceof HeraldException e) {
      return e.failure();
    }
    if (thrown instanceof InvalidInputException e) {
      return of(e.code(), 400, e.getMessage());
    }
    if (thrown instanceof HubUnavailableException e) {
      return new Failure("unavailable", 503, null, UNAVAILABLE_RETRY_SECONDS, e.getMessage(), null);
    }
    if (thrown instanceof WebApplicationException e) {
      int status = e.getResponse().getStatus();
      return of("http-" + status, status, e.getMessage());
    }
    return UNEXPECTED;
  }

  /** Whether this is the answer to a failure nobody anticipated (a bug, logged where caught). */
  public boolean unexpected() {
    return INTERNAL.equals(code) && status == 500;
  }

  /** This failure with another {@code WWW-Authenticate} challenge. */
  public Failure withChallenge(String value) {
    return new Failure(code, status, close, retryAfterSeconds, message, value);
  }
}
