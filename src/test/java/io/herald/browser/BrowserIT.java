package io.herald.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/browser/herald.test.mjs} in headless Chromium against the built WAR on a
 * Payara Micro the suite starts (and restarts) itself. Installs Chromium and playwright-core first
 * when missing. The suite's own report goes to {@code target/browser-tests.log}.
 */
class BrowserIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path LOG = ROOT.resolve("target/browser-tests.log");

  @Test
  void browserSuitePasses() throws Exception {
    assertEquals(0, run(List.of("bash", "src/test/browser/setup.sh"), 10), tail());
    ProcessBuilder suite =
        new ProcessBuilder(
            "node", "--test", "--test-concurrency=1", "--test-timeout=120000", "src/test/browser/");
    suite.environment().put("HERALD_TEST_PORT", Integer.toString(freePort()));
    suite.environment().put("HERALD_WAR", System.getProperty("herald.war", "target/ROOT.war"));
    suite
        .environment()
        .put(
            "HERALD_PAYARA_JAR",
            System.getProperty("payara.microJar", "target/payara/payara-micro.jar"));
    int code = run(suite, 8);
    String report = tail();
    assertEquals(0, code, report);
    assertTrue(report.contains("# fail 0"), report);
  }

  private static int run(List<String> command, int minutes) throws Exception {
    return run(new ProcessBuilder(command), minutes);
  }

  private static int run(ProcessBuilder pb, int minutes) throws Exception {
    Files.createDirectories(LOG.getParent());
    pb.directory(new File(ROOT.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static String tail() throws IOException {
    if (!Files.exists(LOG)) {
      return "(no output)";
    }
    String all = Files.readString(LOG);
    return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
