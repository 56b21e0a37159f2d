package io.herald.config;

import static io.herald.config.Setting.*;

import io.herald.hub.HubSettings;
import io.herald.hub.HubWiring;
import io.herald.hub.PresenceEventSettings;
import io.herald.limits.LimitSettings;
import io.herald.ops.OpsSettings;
import io.herald.security.SecuritySettings;
import io.herald.security.TopicPattern;
import io.herald.store.redis.RedisSettings;
import io.herald.transport.HeartbeatSettings;
import io.herald.transport.PresenceSettings;
import io.herald.transport.ProxySettings;
import io.herald.transport.sse.SseSettings;
import io.herald.transport.ws.WebSocketSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every typed settings record Herald uses, built at once from one source of raw values: the one
 * place that maps {@link Setting} keys to record components. {@link SettingsProducer} builds it
 * from MicroProfile Config; tests build it from a map.
 *
 * <p>Immutable; each record is built once.
 *
 * @param hub the hub's history and queue limits
 * @param wiring the hub's delivery pool and history store
 * @param redis the Redis store's connection
 * @param limits the protective limits
 * @param security access, origins, tickets and token verification
 * @param heartbeat the heartbeat period
 * @param sse Server-Sent Events settings
 * @param websocket WebSocket settings
 * @param ops logging, metrics and the admin token
 * @param demo the demo publishers
 * @param proxy the reverse proxies whose forwarding headers are believed
 * @param presence which topics' presence names their subscribers
 * @param presenceEvents how join and leave events are bounded
 */
public record Settings(
    HubSettings hub,
    HubWiring wiring,
    RedisSettings redis,
    LimitSettings limits,
    SecuritySettings security,
    HeartbeatSettings heartbeat,
    SseSettings sse,
    WebSocketSettings websocket,
    OpsSettings ops,
    DemoSettings demo,
    ProxySettings proxy,
    PresenceSettings presence,
    PresenceEventSettings presenceEvents) {

  /**
   * Reads every setting from {@code source}; unset or blank values take their defaults.
   *
   * @param source the raw value of a key, empty when unset
   * @throws IllegalArgumentException naming every key whose value does not parse
   */
  public static Settings read(Function<String, Optional<String>> source) {
    ConfigReader in = new ConfigReader(source);
    Settings settings =
        new Settings(
            new HubSettings(
                in.integer(HISTORY_MAX_COUNT),
                in.duration(HISTORY_MAX_AGE),
                in.integer(QUEUE_MAX_MESSAGES),
                in.longInteger(QUEUE_MAX_BYTES),
                in.integer(QUEUE_REPLAY_PAGE_MESSAGES),
                in.longInteger(QUEUE_REPLAY_PAGE_BYTES)),
            new HubWiring(in.integer(DELIVERY_THREADS), in.text(STORE)),
            new RedisSettings(
                in.text(REDIS_URI),
                in.text(REDIS_PREFIX),
                in.integer(REDIS_LOG_MAX),
                in.integer(REDIS_TIMEOUT_MS)),
            new LimitSettings(
                in.integer(LIMITS_MAX_MESSAGE_BYTES),
                in.integer(LIMITS_MAX_TOPICS_PER_CONNECTION),
                in.integer(LIMITS_MAX_CONNECTIONS_PER_ADDRESS),
                in.number(LIMITS_PUBLISH_RATE),
                in.number(LIMITS_PUBLISH_BURST),
                in.number(LIMITS_HTTP_PUBLISH_RATE),
                in.integer(LIMITS_MAX_STREAMS),
                in.integer(LIMITS_MAX_PARKED_POLLS),
                in.integer(LIMITS_RETRY_AFTER_SECONDS),
                in.integer(LIMITS_HISTORY_PAGE_MAX_MESSAGES),
                in.integer(LIMITS_HISTORY_PAGE_MAX_BYTES),
                in.number(LIMITS_SUBSCRIBE_RATE),
                in.number(LIMITS_SUBSCRIBE_BURST)),
            new SecuritySettings(
                patterns(in, SECURITY_PUBLIC_TOPICS),
                patterns(in, SECURITY_PUBLIC_PUBLISH),
                in.list(SECURITY_ALLOWED_ORIGINS),
                patterns(in, SECURITY_SESSION_SUBSCRIBE),
                patterns(in, SECURITY_SESSION_PUBLISH),
                in.duration(SECURITY_TICKET_TTL),
                in.duration(SECURITY_CLOCK_SKEW),
                in.optional(JWT_PUBLIC_KEY),
                in.optional(JWT_PUBLIC_KEY_LOCATION),
                in.optional(JWT_ISSUER),
                in.list(JWT_AUDIENCES),
                in.duration(SECURITY_SESSION_TTL),
                in.integer(SECURITY_MAX_TICKETS_PER_CALLER)),
            new HeartbeatSettings(in.duration(HEARTBEAT_INTERVAL)),
            new SseSettings(in.longInteger(SSE_RETRY_MS), in.duration(SSE_LIVENESS_INTERVAL)),
            new WebSocketSettings(in.flag(WEBSOCKET_RAW_FRAMES), in.flag(WEBSOCKET_COMPRESSION)),
            new OpsSettings(
                in.optional(ADMIN_TOKEN),
                in.integer(METRICS_TOP_TOPICS),
                in.text(LOG_CONNECTIONS),
                in.text(LOG_ERRORS),
                patterns(in, METRICS_TOPIC_LABELS),
                in.number(HEALTH_MAX_HEAP_USED)),
            new DemoSettings(in.flag(DEMO_ENABLED), in.longInteger(DEMO_PRICE_INTERVAL_MS)),
            new ProxySettings(in.list(PROXY_TRUSTED)),
            new PresenceSettings(patterns(in, PRESENCE_MEMBERS)),
            new PresenceEventSettings(in.integer(PRESENCE_EVENT_RATE)));
    in.check();
    return settings;
  }

  /** Reads every setting from a map of keys to raw values (tests, tools). */
  public static Settings of(Map<String, String> values) {
    return read(key -> Optional.ofNullable(values.get(key)));
  }

  /** Every setting at its default. */
  public static Settings defaults() {
    return of(Map.of());
  }

  private static List<TopicPattern> patterns(ConfigReader in, Setting s) {
    return in.list(s).stream().map(TopicPattern::of).toList();
  }
}
