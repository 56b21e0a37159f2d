package io.herald.config;

import java.util.Optional;

/**
 * Every configuration key Herald reads, with its default written here and nowhere else in the code.
 * {@link Settings} turns them into the typed records each package uses; {@code
 * docs/configuration.md} describes them, and a unit test checks that page and the WAR's {@code
 * microprofile-config.properties} against this list.
 *
 * <p>Immutable; read by {@link ConfigReader} and by tests.
 */
public enum Setting {
  HISTORY_MAX_COUNT("herald.history.max-count", "1000"),
  HISTORY_MAX_AGE("herald.history.max-age", "PT1H"),
  QUEUE_MAX_MESSAGES("herald.queue.max-messages", "10000"),
  QUEUE_MAX_BYTES("herald.queue.max-bytes", "4194304"),
  QUEUE_REPLAY_PAGE_MESSAGES("herald.queue.replay-page-messages", "100"),
  QUEUE_REPLAY_PAGE_BYTES("herald.queue.replay-page-bytes", "262144"),
  DELIVERY_THREADS("herald.delivery.threads", "0"),
  STORE("herald.store", "memory"),

  REDIS_URI("herald.redis.uri", "redis://127.0.0.1:6379"),
  REDIS_PREFIX("herald.redis.prefix", "herald:"),
  REDIS_LOG_MAX("herald.redis.log-max", "100000"),
  REDIS_TIMEOUT_MS("herald.redis.timeout-ms", "2000"),

  HEARTBEAT_INTERVAL("herald.heartbeat.interval", "PT25S"),
  SSE_RETRY_MS("herald.sse.retry-ms", "2000"),
  SSE_LIVENESS_INTERVAL("herald.sse.liveness-interval", "PT5S"),
  WEBSOCKET_RAW_FRAMES("herald.websocket.raw-frames", "true"),
  WEBSOCKET_COMPRESSION("herald.websocket.compression", "false"),

  LIMITS_MAX_MESSAGE_BYTES("herald.limits.max-message-bytes", "65536"),
  LIMITS_MAX_TOPICS_PER_CONNECTION("herald.limits.max-topics-per-connection", "100"),
  LIMITS_MAX_CONNECTIONS_PER_ADDRESS("herald.limits.max-connections-per-address", "100"),
  LIMITS_PUBLISH_RATE("herald.limits.publish-rate", "50"),
  LIMITS_PUBLISH_BURST("herald.limits.publish-burst", "100"),
  LIMITS_HTTP_PUBLISH_RATE("herald.limits.http-publish-rate", "20"),
  LIMITS_MAX_STREAMS("herald.limits.max-streams", "10000"),
  LIMITS_MAX_PARKED_POLLS("herald.limits.max-parked-polls", "10000"),
  LIMITS_RETRY_AFTER_SECONDS("herald.limits.retry-after-seconds", "5"),
  LIMITS_HISTORY_PAGE_MAX_MESSAGES("herald.limits.history-page-max-messages", "1000"),
  LIMITS_HISTORY_PAGE_MAX_BYTES("herald.limits.history-page-max-bytes", "1048576"),
  LIMITS_SUBSCRIBE_RATE("herald.limits.subscribe-rate", "20"),
  LIMITS_SUBSCRIBE_BURST("herald.limits.subscribe-burst", "40"),

  JWT_PUBLIC_KEY("mp.jwt.verify.publickey", null),
  JWT_PUBLIC_KEY_LOCATION("mp.jwt.verify.publickey.location", null),
  JWT_ISSUER("mp.jwt.verify.issuer", null),
  JWT_AUDIENCES("mp.jwt.verify.audiences", null),
  SECURITY_CLOCK_SKEW("herald.security.clock-skew", "PT30S"),
  SECURITY_PUBLIC_TOPICS("herald.security.public-topics", null),
  SECURITY_PUBLIC_PUBLISH("herald.security.public-publish", null),
  SECURITY_ALLOWED_ORIGINS("herald.security.allowed-origins", null),
  SECURITY_SESSION_SUBSCRIBE("herald.security.session.subscribe", null),
  SECURITY_SESSION_PUBLISH("herald.security.session.publish", null),
  SECURITY_TICKET_TTL("herald.security.ticket-ttl", "PT30S"),
  SECURITY_SESSION_TTL("herald.security.session-ttl", "PT1H"),
  SECURITY_MAX_TICKETS_PER_CALLER("herald.security.max-tickets-per-caller", "20"),

  ADMIN_TOKEN("herald.admin.token", null),
  METRICS_TOP_TOPICS("herald.metrics.top-topics", "10"),
  METRICS_TOPIC_LABELS("herald.metrics.topic-labels", null),
  LOG_CONNECTIONS("herald.log.connections", "INFO"),
  LOG_ERRORS("herald.log.errors", "INFO"),
  HEALTH_MAX_HEAP_USED("herald.health.max-heap-used", "0.9"),

  DEMO_ENABLED("herald.demo.enabled", "true"),
  DEMO_PRICE_INTERVAL_MS("herald.demo.price-interval-ms", "500"),

  PROXY_TRUSTED("herald.proxy.trusted", null),

  PRESENCE_MEMBERS("herald.presence.members", null),
  PRESENCE_EVENT_RATE("herald.presence.event-rate", "50");

  private final String key;
  private final String defaultValue;

  Setting(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  /** The MicroProfile Config key, e.g. {@code herald.limits.publish-rate}. */
  public String key() {
    return key;
  }

  /** The value used when the key is unset or blank, as it would be written; empty if optional. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }
}
