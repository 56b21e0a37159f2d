package io.herald.store.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.JedisPooled;

/**
 * Base of the store tests against one real Redis ({@link RedisServer}) on {@code it.redis.port}
 * (18651 unless the build picks a free one), started before a class's first test and killed after
 * its last; subclasses may kill, wipe and restart it through {@link #redis}. Gives clients on it
 * and a bounded wait for what arrives asynchronously.
 *
 * <p>JUnit runs a class's tests one at a time; the server is the class's, not the test's.
 */
abstract class RedisTest {
  static final int PORT = Integer.getInteger("it.redis.port", 18651);

  /** The running server, for tests that take it away. */
  static RedisServer redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = new RedisServer(PORT).start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  /** A new client on the server; the caller closes it. */
  static JedisPooled client() {
    return new JedisPooled("127.0.0.1", PORT);
  }

  /** Waits up to 15 s for {@code condition}, failing after. */
  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 15 s");
      }
      Thread.sleep(20);
    }
  }
}
