package io.herald.api.internal;

import io.herald.api.ClientSubscribing;
import io.herald.security.AccessDeniedException;
import io.herald.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one check every transport makes before it subscribes a client or reads history for it:
 * Herald's {@link AccessPolicy} first, then the application's {@link ClientSubscribing} observers.
 * Either refusal is an {@link AccessDeniedException} (403 {@code forbidden}, or a WebSocket error
 * frame), the application's carrying its own reason.
 *
 * <p>Thread-safe; application-scoped. Called by the SSE, poll, history and WebSocket endpoints.
 */
@ApplicationScoped
public class SubscribeGate {
  @Inject AccessPolicy access;
  @Inject Event<ClientSubscribing> subscribing;

  private final Consumer<ClientSubscribing> observers;

  /** For CDI. */
  public SubscribeGate() {
    this.observers = null;
  }

  /** For tests: {@code access}, then {@code observers} in place of the CDI event. */
  public SubscribeGate(AccessPolicy access, Consumer<ClientSubscribing> observers) {
    this.access = access;
    this.observers = observers;
  }

  /**
   * @param caller the authenticated caller, or {@code null}
   * @param topics validated topics
   * @param transport {@code "websocket"}, {@code "sse"}, {@code "long-poll"} or {@code "http"}
   * @param reading live messages or a history page
   * @throws AccessDeniedException if the policy or an observer refuses
   */
  public void check(
      Principal caller, List<String> topics, String transport, ClientSubscribing.Reading reading) {
    access.checkSubscribe(caller, topics);
    ClientSubscribing event = new ClientSubscribing(topics, caller, transport, reading);
    if (observers != null) {
      observers.accept(event);
    } else {
      subscribing.fire(event);
    }
    if (event.refusal() != null) {
      throw new AccessDeniedException(event.refusal());
    }
  }
}
