package io.herald.broker;

import io.herald.hub.History;
import io.herald.hub.HubSettings;
import io.herald.hub.HubWiring;
import io.herald.hub.Store;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Wires the Redis store when {@code herald.store=redis}: creates the pooled client and the {@link
 * RedisHistory} (offered to the hub as the {@code @Store("redis")} History, whose feed starts with
 * the hub), and closes both on undeploy. With any other store it does nothing.
 *
 * <p>Application-scoped; CDI calls it. Readiness checks call {@link #isAvailable()}.
 */
@ApplicationScoped
public class RedisBroker {
  @Inject HubWiring wiring;
  @Inject RedisSettings redis;

  @Inject HubSettings settings;

  private JedisPooled jedis;
  private RedisHistory history;

  /** The Redis history; created on first use (by the hub's producer when the store is redis). */
  @Produces
  @Store("redis")
  @Dependent
  synchronized History redisHistory() {
    if (history == null) {
      URI u = URI.create(redis.uri());
      JedisClientConfig config =
          DefaultJedisClientConfig.builder()
              .connectionTimeoutMillis(redis.timeoutMs())
              .socketTimeoutMillis(redis.timeoutMs() + RedisFeed.BLOCK_MS)
              .user(JedisURIHelper.getUser(u))
              .password(JedisURIHelper.getPassword(u))
              .database(JedisURIHelper.getDBIndex(u))
              .ssl(JedisURIHelper.isRedisSSLScheme(u))
              .clientName("herald")
              .build();
      jedis =
          new JedisPooled(
              new HostAndPort(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort()), config);
      RedisScripts scripts = new RedisScripts(jedis, redis.prefix());
      history =
          new RedisHistory(
              scripts, settings.historyMaxCount(), settings.historyMaxAge(), redis.logMax());
    }
    return history;
  }

  /**
   * Whether this instance can serve: always true with another store; with Redis, whether Redis
   * answered the last command and the feed is connected. For the readiness check.
   */
  public boolean isAvailable() {
    RedisHistory h;
    synchronized (this) {
      h = history;
    }
    return !"redis".equals(wiring.store()) || (h != null && h.isAvailable());
  }

  @PreDestroy
  synchronized void stop() {
    if (history != null) {
      history.stop();
    }
    if (jedis != null) {
      jedis.close();
    }
  }
}
