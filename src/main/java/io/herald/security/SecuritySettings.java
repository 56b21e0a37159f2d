package io.herald.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Herald's security configuration, read once from MicroProfile Config at start. Every key is
 * optional and the defaults are closed: no public topics, no anonymous publishing, same-origin
 * only, no trusted token key (so no token verifies).
 *
 * <p>Immutable after construction; application-scoped.
 */
@ApplicationScoped
public class SecuritySettings {
  @Inject Config config;

  private List<TopicPattern> publicTopics;
  private List<TopicPattern> publicPublish;
  private List<String> allowedOrigins;
  private Duration ticketTtl;
  private Duration clockSkew;

  @PostConstruct
  void read() {
    publicTopics = patterns("herald.security.public-topics");
    publicPublish = patterns("herald.security.public-publish");
    allowedOrigins =
        list("herald.security.allowed-origins").stream()
            .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
            .toList();
    ticketTtl = duration("herald.security.ticket-ttl", "PT30S");
    clockSkew = duration("herald.security.clock-skew", "PT30S");
  }

  /** Topics anyone, even anonymous, may subscribe to. */
  public List<TopicPattern> publicTopics() {
    return publicTopics;
  }

  /** Topics anyone, even anonymous, may publish to. */
  public List<TopicPattern> publicPublish() {
    return publicPublish;
  }

  /** Origins besides the server's own that browsers may connect from; {@code *} allows all. */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** How long a ticket stays redeemable. */
  public Duration ticketTtl() {
    return ticketTtl;
  }

  /** Tolerated clock difference with token issuers. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** A raw optional value, for keys other classes own. */
  public Optional<String> value(String key) {
    return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
  }

  /** A comma-separated list; empty when unset. */
  public List<String> list(String key) {
    return config.getOptionalValues(key, String.class).orElse(List.of()).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private List<TopicPattern> patterns(String key) {
    return list(key).stream().map(TopicPattern::of).toList();
  }

  private Duration duration(String key, String fallback) {
    return Duration.parse(value(key).orElse(fallback));
  }
}
