package io.herald.api.internal;

import io.herald.error.Failure;
import io.herald.error.HeraldException;

/**
 * An observer of {@link ClientPublishing} rejected a client's publish. Transports answer 422
 * problem+json or a WebSocket error frame with code {@code rejected}.
 *
 * <p>Immutable.
 */
public class PublishRejectedException extends HeraldException {
  public PublishRejectedException(String reason) {
    super(Failure.of("rejected", 422, reason));
  }
}
