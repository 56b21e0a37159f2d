package io.herald.api.internal;

import io.herald.api.Herald;
import io.herald.api.Publish;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Publishes every {@link Publish} event fired by application code, after the firer's transaction
 * commits ({@link Herald#publishAfterCommit}), and refuses asynchronous ones.
 *
 * <p>Stateless; CDI calls it on the firer's thread (or, for {@code fireAsync}, its async thread).
 */
@ApplicationScoped
public class PublishObserver {
  private static final Logger LOG = Logger.getLogger(PublishObserver.class.getName());

  /** Why {@code fireAsync} is refused, as the exception and the log say it. */
  public static final String ASYNC_REFUSED =
      "Publish may not be fired asynchronously: its transaction is not known on another thread,"
          + " so it could be published before a commit or after a rollback. Use fire(...).";

  @Inject Herald herald;

  void onPublish(@Observes Publish publish) {
    herald.publishAfterCommit(publish.topic(), publish.event(), publish.data());
  }

  /**
   * Refuses loudly: the stage {@code fireAsync} returned completes exceptionally with this, and the
   * log says so too, since a firer that ignores the stage would not see it.
   */
  void onPublishAsync(@ObservesAsync Publish publish) {
    LOG.severe(() -> ASYNC_REFUSED + " Dropped: topic " + publish.topic());
    throw new UnsupportedOperationException(ASYNC_REFUSED);
  }
}
