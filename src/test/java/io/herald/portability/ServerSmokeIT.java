package io.herald.portability;

import io.herald.testkit.ServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link PortabilitySmoke} on one server other than Payara Micro, started by {@link RunServer}
 * with the WAR the build made. Failsafe runs it once per server (standalone.pom.xml, executions
 * {@code smoke-<server>}), naming the server ({@code herald.server}), its unpacked installation
 * ({@code herald.server.home}) and a free port ({@code herald.server.port}).
 *
 * <p>One server per test class; not thread-safe.
 */
class ServerSmokeIT implements PortabilitySmoke {
  private static ServerProcess server;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    int port = Integer.parseInt(RunServer.required("herald.server.port"));
    base = RunServer.base(port);
    server =
        RunServer.start(
            RunServer.required("herald.server"),
            RunServer.required("herald.server.home"),
            port,
            Map.of());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stopTree(Duration.ofSeconds(30));
    }
  }

  @Override
  public URI base() {
    return base;
  }
}
