package io.herald.store.redis;

import io.herald.hub.History;
import io.herald.hub.HubSettings;
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
 * Produces the Redis store, offered to the hub as the {@code @Store("redis")} History that {@code
 * herald.store=redis} selects: creates the pooled client and the {@link RedisHistory} (whose feed
 * starts with the hub) on first use, and closes both on undeploy. With any other store nothing asks
 * for it and it does nothing.
 *
 * <p>Application-scoped; CDI calls it.
 */
@ApplicationScoped
public class RedisStoreProducer {
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
