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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own process, pinned to core 0 when the machine has two or more: starts
 * it, waits until it answers, reads its CPU time and RSS from {@code /proc} and its live heap (a
 * JVM through {@code jcmd}, Node through its {@code /heap} route), and stops it.
 *
 * <p>Used by the orchestrator thread only.
 */
final class ServerProcess implements AutoCloseable {
  /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
  private static final long TICKS_PER_SECOND = 100;

  /**
   * One heap (G1: "garbage-first heap") or generation (Serial, which a JVM pinned to one core
   * picks: "def new generation", "tenured generation") in {@code GC.heap_info}; the heap is their
   * sum.
   */
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  final String name;
  private final Process process;
  private final boolean jvm;
  private final String heapUrl;

  private ServerProcess(String name, Process process, boolean jvm, String heapUrl) {
    this.name = name;
    this.process = process;
    this.jvm = jvm;
    this.heapUrl = heapUrl;
  }

  /**
   * Starts {@code command}; {@code heapUrl} (may be null) answers the live heap in bytes for a
   * server that is not a JVM.
   */
  static ServerProcess start(
      String name,
      List<String> command,
      File dir,
      Path log,
      String readyUrl,
      String heapUrl,
      Duration timeout)
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
    boolean jvm = command.get(0).endsWith("java");
    ServerProcess server = new ServerProcess(name, p, jvm, heapUrl);
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

  /**
   * Heap in use right after a full collection, in bytes (so, about the live objects); -1 when the
   * server has no way to tell. Takes a second or two on a large heap.
   */
  long liveHeapBytes() {
    try {
      if (jvm) {
        if (jcmd("GC.run") == null) {
          return -1;
        }
        String info = jcmd("GC.heap_info");
        if (info == null) {
          return -1;
        }
        long used = -1;
        Matcher m = HEAP_USED.matcher(info);
        while (m.find()) {
          used = Math.max(0, used) + Long.parseLong(m.group(1)) * 1024;
        }
        return used;
      }
      if (heapUrl != null) {
        HttpResponse<String> r =
            // HTTP/1.1: the h2c upgrade offer would go to socket.io, which drops upgrades not its
            // own
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                    HttpRequest.newBuilder(URI.create(heapUrl))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Long.parseLong(r.body().trim()) : -1;
      }
    } catch (Exception e) {
      Bench.log(name + ": heap not measured: " + e);
    }
    return -1;
  }

  /**
   * Writes the JVM's live-object class histogram ({@code jcmd GC.class_histogram}, which collects
   * first) to {@code file}; does nothing for a server that is not a JVM.
   */
  void histogram(Path file) {
    if (!jvm) {
      return;
    }
    String text = jcmd("GC.class_histogram");
    if (text != null) {
      try {
        Files.writeString(file, text);
      } catch (java.io.IOException e) {
        Bench.log(name + ": histogram not written: " + e);
      }
    }
  }

  /** Runs one {@code jcmd} command against the server, bounded to 120 s; null if it failed. */
  private String jcmd(String command) {
    try {
      Process p =
          new ProcessBuilder(
                  System.getProperty("java.home") + "/bin/jcmd", String.valueOf(pid()), command)
              .redirectErrorStream(true)
              .start();
      CompletableFuture<byte[]> text =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                  return new byte[0];
                }
              });
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(text.get(10, TimeUnit.SECONDS)) : null;
    } catch (Exception e) {
      Bench.log(name + ": jcmd " + command + " failed: " + e);
      return null;
    }
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
