/**
 * The Redis store ({@code herald.store=redis}): lets several Herald instances share topics, history
 * and cursors, so any request may land on any instance (no sticky sessions).
 *
 * <p>Owns the Redis-backed {@link io.herald.hub.History} ({@link
 * io.herald.store.redis.RedisHistory}: one atomic script gives each message the next id of one
 * cluster-wide sequence and appends it to the topic's stream and to the shared log), the feed that
 * tails the shared log and hands every message, in id order, to the hub's {@link
 * io.herald.hub.StoreFeed} ({@link io.herald.store.redis.RedisFeed}), and their lifecycle and
 * configuration ({@link io.herald.store.redis.RedisStoreProducer}, which produces the
 * {@code @Store("redis")} History). It sees the hub only through {@code History} and {@code
 * StoreFeed}.
 */
package io.herald.store.redis;
