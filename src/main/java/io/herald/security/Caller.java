package io.herald.security;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is asking, as Herald's access rules see it: a subject, the topic patterns it was granted for
 * subscribing and publishing, its roles, and when its credentials expire.
 *
 * <p>Immutable. Transports hand it around as the request's or connection's {@link Principal}, so
 * {@link AccessPolicy} receives it wherever a principal is passed.
 *
 * @param subject the caller's subject ({@code sub} claim or container user name); null if anonymous
 * @param subscribe topic patterns the caller may subscribe to and read the history of
 * @param publish topic patterns the caller may publish to
 * @param roles roles ({@code groups} claim or container roles Herald asked about)
 * @param expires when the credentials stop being valid (a token's {@code exp}, a session's {@code
 *     herald.security.session-ttl} after the request); null only for principals Herald did not
 *     authenticate itself
 */
public record Caller(
    String subject,
    List<TopicPattern> subscribe,
    List<TopicPattern> publish,
    Set<String> roles,
    Instant expires)
    implements Principal {

  /** Role that may publish to any topic (trusted back ends). */
  public static final String PUBLISHER_ROLE = "herald-publisher";

  /** Role that may subscribe to any topic. */
  public static final String SUBSCRIBER_ROLE = "herald-subscriber";

  /** The operations role: the admin API ({@code io.herald.ops.AdminGuard}) and the admin feed. */
  public static final String ADMIN_ROLE = "herald-admin";

  /** The caller who presented no credentials. */
  public static final Caller ANONYMOUS = new Caller(null, List.of(), List.of(), Set.of(), null);

  public Caller {
    subscribe = List.copyOf(subscribe);
    publish = List.copyOf(publish);
    roles = Set.copyOf(roles);
  }

  /**
   * The caller behind a principal: itself for a {@link Caller}, {@link #ANONYMOUS} for null, and an
   * authenticated caller without grants for any other principal.
   */
  public static Caller of(Principal principal) {
    if (principal == null) {
      return ANONYMOUS;
    }
    if (principal instanceof Caller c) {
      return c;
    }
    return new Caller(principal.getName(), List.of(), List.of(), Set.of(), null);
  }

  /** True when the caller presented credentials. */
  public boolean authenticated() {
    return subject != null;
  }

  @Override
  public String getName() {
    return subject;
  }
}
