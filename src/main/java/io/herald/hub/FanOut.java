package io.herald.hub;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Observes {@link MessagePublished} and queues the message for local subscribers: the CDI bus is
 * the seam between storing (here or on another node, later) and delivering.
 *
 * <p>Stateless; called by CDI on the publisher's thread.
 */
@ApplicationScoped
public class FanOut {
  @Inject Hub hub;

  void onPublished(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) MessagePublished event) {
    hub.fanOut(event.message());
  }
}
