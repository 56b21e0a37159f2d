package io.herald.portability;

import io.herald.testkit.Http;
import io.herald.testkit.ServerProcess;
import io.herald.testkit.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one server other than Payara Micro the way a user would ({@code bin/run-server SERVER
 * HOME}, docs/servers.md) on a given port, trusting the test key pair ({@link Tokens}) through
 * MicroProfile Config environment variables as any deployment could, and waits until {@code
 * /api/health/ready} answers 200. The server's output goes to {@code target/servers/<name>.log}.
 *
 * <p>Used by {@link ServerSmokeIT} and {@link RunServerContainer}; stateless, thread-safe.
 */
final class RunServer {
  private RunServer() {}

  /** The root of a server started on {@code port}: {@code http://127.0.0.1:PORT/}. */
  static URI base(int port) {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Starts {@code name} from its installation {@code home} on {@code port}, with {@code env} added
   * (e.g. {@code HERALD_WAR}, {@code HERALD_SYSTEM_PROPERTIES}), and returns it once ready.
   */
  static ServerProcess start(String name, String home, int port, Map<String, String> env)
      throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("HERALD_SKIP_BUILD", "1");
    all.put("HERALD_PORT", Integer.toString(port));
    all.putIfAbsent("HERALD_ADMIN_TOKEN", "it-admin-token");
    // A file: URL, as TomEE's own MicroProfile JWT (which reads the same key) requires.
    all.putIfAbsent(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        "file:" + Path.of("src/test/resources/security/test-public.pem").toAbsolutePath());
    all.putIfAbsent("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
    ServerProcess server =
        ServerProcess.start(
            name,
            List.of("bin/run-server", name, home),
            all,
            Path.of("target", "servers", name + ".log"));
    Http http = new Http(base(port), null);
    long t0 = System.nanoTime();
    try {
      server.awaitReady(
          Duration.ofMinutes(3),
          Duration.ofMillis(500),
          () -> http.get("api/health/ready").status() == 200);
    } catch (AssertionError | InterruptedException e) {
      server.stopTree(Duration.ofSeconds(30));
      throw e;
    }
    System.out.printf(
        "%s: /api/health/ready answered 200 %d s after the start%n",
        name, (System.nanoTime() - t0) / 1_000_000_000L);
    return server;
  }

  /** The value of a system property failsafe must set, or an explanation of where it comes from. */
  static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          property
              + " is not set: it comes from the smoke-<server> and suite-<server> failsafe"
              + " executions (standalone.pom.xml)");
    }
    return value;
  }
}
