/**
 * The Redis broker: lets several Herald instances share topics, history and cursors, so any request
 * may land on any instance (no sticky sessions).
 *
 * <p>Owns the Redis-backed {@link io.herald.hub.History} ({@link io.herald.broker.RedisHistory}:
 * one atomic script gives each message the next id of one cluster-wide sequence and appends it to
 * the topic's stream and to the shared log), the feed that tails the shared log and fans every
 * message out locally in id order ({@link io.herald.broker.RedisFeed}), and their lifecycle and
 * configuration ({@link io.herald.broker.RedisBroker}, chosen by {@code herald.store=redis}).
 */
package io.herald.broker;
