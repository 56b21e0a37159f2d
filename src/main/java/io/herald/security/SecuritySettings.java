package io.herald.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Herald's security configuration, read once at start from {@code herald.security.*} and the
 * MicroProfile JWT keys {@code mp.jwt.verify.*}. Every key is optional and the defaults are closed:
 * no public topics, no anonymous publishing, same-origin only, no trusted token key (so no token
 * verifies). Immutable; lists are copied.
 *
 * @param publicTopics topics anyone, even anonymous, may subscribe to ({@code
 *     herald.security.public-topics}). Default none.
 * @param publicPublish topics anyone, even anonymous, may publish to ({@code
 *     herald.security.public-publish}). Default none.
 * @param allowedOrigins origins besides the server's own that browsers may connect from, without a
 *     trailing {@code /}; {@code *} allows all ({@code herald.security.allowed-origins}). Default
 *     none.
 * @param sessionSubscribe topics container-authenticated (session) users may subscribe to ({@code
 *     herald.security.session.subscribe}). Default none.
 * @param sessionPublish topics container-authenticated users may publish to ({@code
 *     herald.security.session.publish}). Default none.
 * @param ticketTtl how long a ticket stays redeemable ({@code herald.security.ticket-ttl}). Default
 *     30 seconds.
 * @param clockSkew tolerated clock difference with token issuers ({@code
 *     herald.security.clock-skew}). Default 30 seconds.
 * @param publicKey the token issuer's public key inline: PEM, JWK or JWKS ({@code
 *     mp.jwt.verify.publickey}). No default.
 * @param publicKeyLocation the same key from a file path or class-path resource, used when {@code
 *     publicKey} is empty ({@code mp.jwt.verify.publickey.location}). No default.
 * @param issuer required {@code iss} claim; empty means not checked ({@code mp.jwt.verify.issuer}).
 *     No default.
 * @param audiences accepted {@code aud} values; empty means not checked ({@code
 *     mp.jwt.verify.audiences}). Default none.
 * @param sessionTtl how long a container-session caller's credentials last from the request that
 *     presented them: its connections end then, like a token's at {@code exp} ({@code
 *     herald.security.session-ttl}). Default 1 hour.
 * @param maxTicketsPerCaller outstanding (issued, not yet redeemed or expired) tickets one caller
 *     may hold ({@code herald.security.max-tickets-per-caller}). Default 20.
 */
public record SecuritySettings(
    List<TopicPattern> publicTopics,
    List<TopicPattern> publicPublish,
    List<String> allowedOrigins,
    List<TopicPattern> sessionSubscribe,
    List<TopicPattern> sessionPublish,
    Duration ticketTtl,
    Duration clockSkew,
    Optional<String> publicKey,
    Optional<String> publicKeyLocation,
    Optional<String> issuer,
    List<String> audiences,
    Duration sessionTtl,
    int maxTicketsPerCaller) {

  /** Copies the lists and drops a trailing {@code /} from each allowed origin. */
  public SecuritySettings {
    publicTopics = List.copyOf(publicTopics);
    publicPublish = List.copyOf(publicPublish);
    allowedOrigins =
        allowedOrigins.stream()
            .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
            .toList();
    sessionSubscribe = List.copyOf(sessionSubscribe);
    sessionPublish = List.copyOf(sessionPublish);
    audiences = List.copyOf(audiences);
  }

  /**
   * Until when credentials that end at {@code expires} (null: never, returned as null) are
   * honoured: {@code expires} plus {@link #clockSkew()}, as token verification allows. The one
   * place the skew is applied after verification: {@link AccessPolicy} refuses from then, {@link
   * Expiry} ends connections and long polls then, so a client is never told "expired" by one and
   * let in by the other.
   */
  public Instant honouredUntil(Instant expires) {
    return expires == null ? null : expires.plus(clockSkew);
  }

  /** Whether credentials that end at {@code expires} are no longer honoured at {@code now}. */
  public boolean expired(Instant expires, Instant now) {
    return expires != null && !now.isBefore(honouredUntil(expires));
  }
}
