package io.herald.error;

/**
 * The base of Herald's exceptions: each carries the {@link Failure} values a transport answers with
 * (code, HTTP status, WebSocket close code or none, retry-after, message). The members ({@code
 * limits.LimitExceededException}, {@code security.AuthenticationException}, {@code
 * security.AccessDeniedException}, {@code api.PublishRejectedException}) only choose the values; no
 * transport needs to know which member it caught.
 *
 * <p>Immutable; no stack trace is recorded (these are answers to clients, not bugs).
 */
public class HeraldException extends RuntimeException {
  private final transient Failure failure;

  /**
   * @param failure what the client is told
   */
  public HeraldException(Failure failure) {
    super(failure.message(), null, false, false);
    this.failure = failure;
  }

  /** What the client is told. */
  public final Failure failure() {
    return failure;
  }

  /** Stable machine-readable code, documented in {@code docs/protocol.md}. */
  public final String code() {
    return failure.code();
  }

  /** HTTP status to answer with. */
  public final int status() {
    return failure.status();
  }

  /** Seconds for the {@code Retry-After} header, or 0 for none. */
  public final int retryAfterSeconds() {
    return failure.retryAfterSeconds();
  }
}
