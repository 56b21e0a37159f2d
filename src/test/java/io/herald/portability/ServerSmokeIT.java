package io.herald.portability;

import io.herald.testkit.Http;
import io.herald.testkit.ServerProcess;
import io.herald.testkit.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link PortabilitySmoke} on one server other than Payara Micro, started the way a user would
 * ({@code bin/run-server SERVER HOME}, docs/servers.md) with the WAR the build made. Failsafe runs
 * it once per server (standalone.pom.xml, executions {@code smoke-<server>}), naming the server
 * ({@code herald.server}), its unpacked installation ({@code herald.server.home}) and a free port
 * ({@code herald.server.port}); the server's output goes to {@code target/servers/<server>.log}.
 *
 * <p>The server trusts the test key pair ({@link Tokens}) through MicroProfile Config environment
 * variables, as any deployment could. One server per test class; not thread-safe.
 */
class ServerSmokeIT implements PortabilitySmoke {
  private static ServerProcess server;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    String name = required("herald.server");
    String home = required("herald.server.home");
    int port = Integer.parseInt(required("herald.server.port"));
    base = URI.create("http://127.0.0.1:" + port + "/");
    Map<String, String> env =
        Map.of(
            "HERALD_SKIP_BUILD",
            "1",
            "HERALD_PORT",
            Integer.toString(port),
            "HERALD_ADMIN_TOKEN",
            "it-admin-token",
            // A file: URL, as TomEE's own MicroProfile JWT (which reads the same key) requires.
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "file:" + Path.of("src/test/resources/security/test-public.pem").toAbsolutePath(),
            "MP_JWT_VERIFY_ISSUER",
            Tokens.ISSUER);
    server =
        ServerProcess.start(
            name,
            List.of("bin/run-server", name, home),
            env,
            Path.of("target", "servers", name + ".log"));
    Http http = new Http(base, null);
    long t0 = System.nanoTime();
    server.awaitReady(
        Duration.ofMinutes(3),
        Duration.ofMillis(500),
        () -> http.get("api/health/ready").status() == 200);
    System.out.printf(
        "%s: /api/health/ready answered 200 %d s after the start%n",
        name, (System.nanoTime() - t0) / 1_000_000_000L);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stopTree(Duration.ofSeconds(30));
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          property + " is not set: ServerSmokeIT runs from the smoke-<server> failsafe executions");
    }
    return value;
  }

  @Override
  public URI base() {
    return base;
  }
}
