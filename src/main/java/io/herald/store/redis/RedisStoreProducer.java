package io.herald.store.redis;

import io.herald.hub.History;
import io.herald.hub.HubSettings;
import io.herald.hub.Store;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import redis.clients.jedis.JedisPooled;

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
      jedis = new RedisEndpoint(redis.uri(), redis.timeoutMs(), null).open();
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
