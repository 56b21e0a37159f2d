package io.herald.store.redis;

import io.herald.hub.History;
import io.herald.hub.HubSettings;
import io.herald.hub.PresenceBoard;
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
 * starts with the hub) and the {@code @Store("redis")} {@link PresenceBoard} on first use, and
 * closes them on undeploy. With any other store nothing asks for it and it does nothing.
 *
 * <p>Application-scoped; CDI calls it.
 */
@ApplicationScoped
public class RedisStoreProducer {
  @Inject RedisSettings redis;

  @Inject HubSettings settings;

  private JedisPooled jedis;
  private RedisHistory history;
  private RedisScripts scripts;
  private RedisPresence presence;

  /** The Redis history; created on first use (by the hub's producer when the store is redis). */
  @Produces
  @Store("redis")
  @Dependent
  synchronized History redisHistory() {
    if (history == null) {
      history =
          new RedisHistory(
              scripts(), settings.historyMaxCount(), settings.historyMaxAge(), redis.logMax());
    }
    return history;
  }

  /** Presence shared through Redis; created on first use (by the hub's producer). */
  @Produces
  @Store("redis")
  @Dependent
  synchronized PresenceBoard redisPresence() {
    if (presence == null) {
      presence = new RedisPresence(scripts(), RedisPresence.TTL_MS);
    }
    return presence;
  }

  private RedisScripts scripts() {
    if (scripts == null) {
      jedis = new RedisEndpoint(redis.uri(), redis.timeoutMs(), null).open();
      scripts = new RedisScripts(jedis, redis.prefix());
    }
    return scripts;
  }

  @PreDestroy
  synchronized void stop() {
    if (history != null) {
      history.stop();
    }
    if (presence != null) {
      presence.stop();
    }
    if (jedis != null) {
      jedis.close();
    }
  }
}
