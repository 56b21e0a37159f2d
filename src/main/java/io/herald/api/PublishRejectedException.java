package io.herald.api;

/**
 * An observer of {@link ClientPublishing} rejected a client's publish. Transports answer 422
 * problem+json or a WebSocket error frame with code {@code rejected}.
 *
 * <p>Immutable.
 */
public class PublishRejectedException extends RuntimeException {
  public PublishRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
