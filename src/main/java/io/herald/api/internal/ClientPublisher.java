package io.herald.api.internal;

import io.herald.api.ClientPublishing;
import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.Message;
import io.herald.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes on behalf of clients, for every transport: checks access, lets {@link ClientPublishing}
 * observers validate or transform each message, then stores the batch atomically.
 *
 * <p>Thread-safe; application-scoped. Called by the REST publish resource and the WebSocket
 * endpoint.
 */
@ApplicationScoped
public class ClientPublisher {
  @Inject Hub hub;
  @Inject AccessPolicy access;
  @Inject Event<ClientPublishing> publishing;

  /**
   * @param caller authenticated principal or {@code null}
   * @param transport {@code "http"} or {@code "websocket"}
   * @return the stored messages, in order
   * @throws PublishRejectedException if an observer rejected any of them
   */
  public List<Message> publish(Principal caller, List<PublishRequest> requests, String transport) {
    for (PublishRequest r : requests) {
      access.checkPublish(caller, r.topic());
    }
    List<Draft> drafts = new ArrayList<>(requests.size());
    for (PublishRequest r : requests) {
      ClientPublishing e = new ClientPublishing(r.topic(), r.event(), r.data(), caller, transport);
      publishing.fire(e);
      if (e.rejection() != null) {
        throw new PublishRejectedException(e.rejection());
      }
      drafts.add(Draft.of(e.topic(), e.event(), e.data()));
    }
    return hub.publish(drafts);
  }
}
