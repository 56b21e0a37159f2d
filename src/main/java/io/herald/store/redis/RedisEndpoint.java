package io.herald.store.redis;

import java.net.URI;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Where Redis is and how to reach it, from {@code herald.redis.uri}: host and port, the ACL user
 * and password ({@code redis://user:password@host}, or {@code redis://:password@host} for {@code
 * requirepass}), the database, and TLS for {@code rediss://}. With TLS the server's certificate
 * must name the host in the URI (endpoint identification {@code HTTPS}, as a browser checks), and
 * is trusted through the JVM's trust store ({@code javax.net.ssl.trustStore}) unless a socket
 * factory is given.
 *
 * <p>Immutable; thread-safe. Created by {@link RedisStoreProducer} (and by tests).
 */
final class RedisEndpoint {
  private final HostAndPort address;
  private final JedisClientConfig config;

  /**
   * @param uri {@code redis://} or {@code rediss://} URI
   * @param timeoutMs connect and command timeout
   * @param sockets TLS socket factory, or {@code null} for the JVM's default
   */
  RedisEndpoint(String uri, int timeoutMs, SSLSocketFactory sockets) {
    URI u = URI.create(uri);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("herald.redis.uri has no host: " + u.getScheme() + "://…");
    }
    this.address = new HostAndPort(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort());
    boolean tls = JedisURIHelper.isRedisSSLScheme(u);
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs + RedisFeed.BLOCK_MS)
            .user(JedisURIHelper.getUser(u))
            .password(JedisURIHelper.getPassword(u))
            .database(JedisURIHelper.getDBIndex(u))
            .ssl(tls)
            .clientName("herald");
    if (tls) {
      SSLParameters verifyHost = new SSLParameters();
      verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
      b.sslParameters(verifyHost).sslSocketFactory(sockets);
    }
    this.config = b.build();
  }

  HostAndPort address() {
    return address;
  }

  JedisClientConfig config() {
    return config;
  }

  /** A new pooled client; the caller closes it. */
  JedisPooled open() {
    return new JedisPooled(address, config);
  }
}
