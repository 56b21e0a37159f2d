package io.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.List;

/**
 * Decides whether a caller may subscribe to (and read the history of) topics, or publish to one.
 * Every transport and the REST API call it before touching the hub.
 *
 * <p>Current decision: publishing and subscribing are open to anyone. This is deliberately the only
 * place that says so; the security work replaces these two methods.
 *
 * <p>Stateless and thread-safe; called on request and WebSocket threads.
 */
@ApplicationScoped
public class AccessPolicy {

  /**
   * @param caller authenticated principal, or {@code null} for an anonymous caller
   * @throws AccessDeniedException when not allowed
   */
  public void checkSubscribe(Principal caller, List<String> topics) {
    // Open until authentication and per-topic permissions land.
  }

  /**
   * @param caller authenticated principal, or {@code null} for an anonymous caller
   * @throws AccessDeniedException when not allowed
   */
  public void checkPublish(Principal caller, String topic) {
    // Open until authentication and per-topic permissions land.
  }
}
