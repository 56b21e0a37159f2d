package io.herald.security;

import io.herald.hub.Names;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a caller may subscribe to (and read the history of) topics, or publish to one.
 * Every transport and the REST API call it before touching the hub, with the request's or
 * connection's principal (a {@link Caller} when Herald authenticated it).
 *
 * <p>Rules: a topic may be subscribed to if configuration declares it public, the caller holds the
 * {@value Caller#SUBSCRIBER_ROLE} role, or one of its subscribe patterns matches. It may be
 * published to if configuration opens it to everyone, the caller holds {@value
 * Caller#PUBLISHER_ROLE}, or one of its publish patterns matches. Herald's internal topics ({@link
 * Names#internal}, the admin feed) are outside all of this: only the {@value Caller#ADMIN_ROLE}
 * role may subscribe to them, and nobody may publish to them. Nothing else is allowed. Credentials
 * count as expired once their expiry plus the clock skew token verification allows has passed
 * ({@link SecuritySettings#expired}). A denied anonymous caller is told to authenticate ({@link
 * AuthenticationException}); a denied authenticated one is forbidden ({@link
 * AccessDeniedException}).
 *
 * <p>Stateless and thread-safe; called on request and WebSocket threads.
 */
@ApplicationScoped
public class AccessPolicy {
  @Inject SecuritySettings settings;

  /**
   * @param principal the caller, or {@code null} for an anonymous caller
   * @throws AuthenticationException when anonymous or expired and not allowed
   * @throws AccessDeniedException when not allowed
   */
  public void checkSubscribe(Principal principal, List<String> topics) {
    Caller caller = live(principal);
    for (String topic : topics) {
      if (Names.internal(topic)) {
        if (!caller.roles().contains(Caller.ADMIN_ROLE)) {
          throw refuse(caller, "may not subscribe to reserved topic '" + topic + "'");
        }
        continue;
      }
      if (!matches(settings.publicTopics(), topic, null)
          && !caller.roles().contains(Caller.SUBSCRIBER_ROLE)
          && !matches(caller.subscribe(), topic, caller.subject())) {
        throw refuse(caller, "may not subscribe to topic '" + topic + "'");
      }
    }
  }

  /**
   * @param principal the caller, or {@code null} for an anonymous caller
   * @throws AuthenticationException when anonymous or expired and not allowed
   * @throws AccessDeniedException when not allowed
   */
  public void checkPublish(Principal principal, String topic) {
    Caller caller = live(principal);
    if (Names.internal(topic)) {
      throw refuse(caller, "may not publish to reserved topic '" + topic + "'");
    }
    if (!matches(settings.publicPublish(), topic, null)
        && !caller.roles().contains(Caller.PUBLISHER_ROLE)
        && !matches(caller.publish(), topic, caller.subject())) {
      throw refuse(caller, "may not publish to topic '" + topic + "'");
    }
  }

  private Caller live(Principal principal) {
    Caller caller = Caller.of(principal);
    if (settings.expired(caller.expires(), Instant.now())) {
      throw new AuthenticationException("token-expired", "the token has expired");
    }
    return caller;
  }

  private static boolean matches(List<TopicPattern> patterns, String topic, String subject) {
    for (TopicPattern p : patterns) {
      if (p.matches(topic, subject)) {
        return true;
      }
    }
    return false;
  }

  private static RuntimeException refuse(Caller caller, String what) {
    if (!caller.authenticated()) {
      return new AuthenticationException(
          "unauthenticated", "authentication required: anonymous " + what);
    }
    return new AccessDeniedException(caller.subject() + " " + what);
  }
}
