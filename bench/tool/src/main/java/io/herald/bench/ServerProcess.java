package io.herald.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server under test in its own process, pinned to core 0 when the machine has two or more: starts
 * it, waits until it answers, reads its CPU time and RSS from {@code /proc}, and stops it.
 *
 * <p>Used by the orchestrator thread only.
 */
final class ServerProcess implements AutoCloseable {
  /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
  private static final long TICKS_PER_SECOND = 100;

  final String name;
  private final Process process;

  private ServerProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static ServerProcess start(
      String name, List<String> command, File dir, Path log, String readyUrl, Duration timeout)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    if (Bench.pinning()) {
      cmd.addAll(List.of("taskset", "-c", "0"));
    }
    cmd.addAll(command);
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // A killed benchmark must not leave its servers running.
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, name + "-stopper"));
    ServerProcess server = new ServerProcess(name, p);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited at start; see " + log);
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return server;
        }
      } catch (Exception e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    server.close();
    throw new IllegalStateException(name + " not ready in " + timeout + "; see " + log);
  }

  long pid() {
    return process.pid();
  }

  /** User + system CPU time the process has used, in nanoseconds. */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (Exception e) {
      return -1;
    }
  }

  /** Resident set size in bytes. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // gone
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
