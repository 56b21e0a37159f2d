package io.herald.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.BrowserTool;
import io.herald.testkit.Http;
import io.herald.testkit.ServerProcess;
import io.herald.testkit.SseClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The admin page at the first {@code bin/run}: runs {@code bin/run} as a user would (on a free
 * port, with the WAR the build made: {@code HERALD_SKIP_BUILD=1}), takes the admin URL it prints,
 * and has headless Chromium ({@code src/test/browser/first-run.spec.mjs}) open it: the page must go
 * live with no token typed in and show the live counts. Leaves {@code target/first-run.log} and a
 * screenshot in {@code target/first-run-admin.png}.
 */
class FirstRunAdminIT {
  private static final String PRINTED = "bin/run: admin page: ";

  @Test
  void theAdminPageWorksWithWhatBinRunPrints() throws Exception {
    String chromium = BrowserTool.chromium();
    Path work = BrowserTool.prepare();
    int port = freePort();
    Path log = Path.of("target", "first-run.log");
    Path shot = Path.of("target/first-run-admin.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    // env, bash and java each exec the next: the process's pid is Payara's.
    List<String> cmd = List.of("env", "HERALD_SKIP_BUILD=1", "HERALD_PORT=" + port, "bin/run");
    try (ServerProcess server = ServerProcess.start("bin/run", cmd, log)) {
      Http http = new Http(URI.create("http://127.0.0.1:" + port + "/"), null);
      server.awaitReady(
          Duration.ofSeconds(120), Duration.ofMillis(500), () -> http.get("").status() == 200);
      String url = adminUrl(log).orElseThrow(() -> new AssertionError("no admin URL in " + log));
      assertTrue(url.startsWith("http://localhost:" + port + "/admin/#token="), url);
      assertEquals(
          401, http.get("api/admin/overview").status(), "the admin API still needs the token");

      try (SseClient sse =
          SseClient.open(
              URI.create("http://127.0.0.1:" + port + "/api/sse?topic=demo/prices"), null, null)) {
        assertEquals(200, sse.status());
        String out =
            BrowserTool.run(
                List.of("node", "first-run.spec.mjs"),
                work,
                Map.of(
                    "HERALD_ADMIN_URL",
                    url,
                    "HERALD_SCREENSHOT",
                    shot.toString(),
                    "CHROMIUM",
                    chromium),
                120);
        assertTrue(out.contains("PASSED"), out);
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
      }
    }
  }

  private static Optional<String> adminUrl(Path log) throws IOException {
    return Files.readAllLines(log).stream()
        .filter(l -> l.startsWith(PRINTED))
        .map(l -> l.substring(PRINTED.length()).split(" ")[0])
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
