package io.herald.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Publishes every {@link Publish} event fired by application code.
 *
 * <p>Stateless; CDI calls it on the firer's thread.
 */
@ApplicationScoped
public class PublishObserver {
  @Inject Herald herald;

  void onPublish(@Observes Publish publish) {
    herald.publish(publish.topic(), publish.event(), publish.data());
  }
}
