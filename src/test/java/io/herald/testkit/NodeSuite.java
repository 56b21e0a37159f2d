package io.herald.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs node test scripts that start their own Herald (the built WAR on Payara Micro) and drive
 * headless Chromium, after {@code src/test/browser/setup.sh} installed what they need; fails with
 * the tail of their report, which goes to a log file under {@code target}.
 *
 * <p>Stateless; called by browser tests on the test thread.
 */
public final class NodeSuite {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  private NodeSuite() {}

  /**
   * Runs {@code node --test} over {@code scripts} (one file at a time) and asserts it passed.
   *
   * @param scripts a test script or a folder of them, relative to the project
   * @param log where their report goes, relative to the project
   * @param minutes how long the scripts may take in all
   */
  public static void passes(String scripts, String log, int minutes) throws Exception {
    Path report = ROOT.resolve(log);
    Files.createDirectories(report.getParent());
    Files.deleteIfExists(report);
    assertEquals(
        0, run(new ProcessBuilder("bash", "src/test/browser/setup.sh"), report, 10), tail(report));
    ProcessBuilder suite =
        new ProcessBuilder(
            "node", "--test", "--test-concurrency=1", "--test-timeout=300000", scripts);
    suite.environment().put("HERALD_TEST_PORT", Integer.toString(freePort()));
    suite.environment().put("HERALD_WAR", System.getProperty("herald.war", "target/ROOT.war"));
    suite
        .environment()
        .put(
            "HERALD_PAYARA_JAR",
            System.getProperty("payara.microJar", "target/payara/payara-micro.jar"));
    int code = run(suite, report, minutes);
    String tail = tail(report);
    assertEquals(0, code, tail);
    assertTrue(tail.contains("# fail 0"), tail);
  }

  private static int run(ProcessBuilder pb, Path report, int minutes) throws Exception {
    pb.directory(new File(ROOT.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(report.toFile()));
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static String tail(Path report) throws IOException {
    if (!Files.exists(report)) {
      return "(no output)";
    }
    String all = Files.readString(report);
    return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
