package io.herald.store.redis;

/**
 * Where and how the Redis store talks to Redis, read once at start from {@code herald.redis.*}
 * (used only when {@code herald.store=redis}). Immutable.
 *
 * @param uri {@code redis://[user:password@]host[:port][/db]} ({@code redis://:password@host} for a
 *     {@code requirepass} password), or {@code rediss://} for TLS, which verifies that the server's
 *     certificate names the host (see {@link RedisEndpoint}). Default {@code
 *     redis://127.0.0.1:6379}.
 * @param prefix prefix of every Redis key Herald writes. Default {@code herald:}.
 * @param logMax about how many messages the shared log keeps for instances that are catching up.
 *     Default {@code 100000}.
 * @param timeoutMs connect and command timeout, in milliseconds. Default {@code 2000}.
 */
public record RedisSettings(String uri, String prefix, int logMax, int timeoutMs) {}
