package io.herald.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a node script from {@code src/test/browser} against headless Chromium, installing what a
 * fresh machine lacks: Debian's {@code chromium} (with apt-get, when running as root) and {@code
 * playwright-core} from npm into {@code target/browser-test}.
 *
 * <p>Stateless; called by browser tests on the test thread.
 */
public final class BrowserTool {
  static final Path SOURCES = Path.of("src/test/browser");
  static final Path WORK = Path.of("target/browser-test");

  private BrowserTool() {}

  /** The browser binary, installing Debian's chromium first if it is missing. */
  public static String chromium() throws IOException, InterruptedException {
    String configured = System.getenv("CHROMIUM");
    Path bin = Path.of(configured != null ? configured : "/usr/bin/chromium");
    if (!Files.isExecutable(bin)) {
      if (!"root".equals(System.getProperty("user.name"))) {
        throw new AssertionError(bin + " is missing: apt-get install chromium (needs root)");
      }
      run(
          List.of(
              "sh",
              "-c",
              "apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o"
                  + " DPkg::Lock::Timeout=300 install -y -qq chromium"),
          Path.of("."),
          Map.of("DEBIAN_FRONTEND", "noninteractive"),
          900);
    }
    return bin.toString();
  }

  /** Copies the browser scripts to {@code target/browser-test} and installs their npm modules. */
  public static Path prepare() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    try (var files = Files.list(SOURCES)) {
      for (Path f : files.toList()) {
        Files.copy(f, WORK.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
      run(
          List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"),
          WORK,
          Map.of(),
          300);
    }
    return WORK;
  }

  /** Runs a command, failing on a non-zero exit or after {@code seconds}; returns its output. */
  public static String run(List<String> command, Path dir, Map<String, String> env, long seconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = Files.createTempFile("herald-browser", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + seconds + " s");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + out);
      }
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
