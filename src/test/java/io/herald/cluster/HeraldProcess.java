package io.herald.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Herald instance as its own Payara Micro process (the WAR the build made), with the Redis
 * store. Started and killed by the cluster tests; never shares a JVM with them, so killing it is
 * what a crash is.
 *
 * <p>Not thread-safe.
 */
final class HeraldProcess implements AutoCloseable {
  private final int port;
  private final String redisUri;
  private Process process;

  HeraldProcess(int port, String redisUri) {
    this.port = port;
    this.redisUri = redisUri;
  }

  int port() {
    return port;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  HeraldProcess start() throws IOException {
    String jar = System.getProperty("payara.microJar", "target/payara/payara-micro.jar");
    String war = System.getProperty("herald.war", "target/ROOT.war");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Xmx384m",
            "-Dherald.store=redis",
            "-Dherald.redis.uri=" + redisUri,
            "-jar",
            jar,
            "--deploy",
            war,
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            "--nocluster",
            "--postbootcommandfile",
            "server-config/post-boot-commands.asadmin");
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "herald-" + port + ".log").toFile())
            .start();
    return this;
  }

  /** Waits until the instance answers a short poll with 200 (so it reached Redis). */
  void awaitReady(HttpClient http) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(base() + "/api/messages?topic=ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Herald on port " + port + " exited; see its log");
      }
      try {
        HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(250);
    }
    dumpThreads();
    throw new IllegalStateException("Herald on port " + port + " not ready in 120 s: " + last);
  }

  private void dumpThreads() {
    try {
      new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
              Long.toString(process.pid()),
              "Thread.print")
          .redirectErrorStream(true)
          .redirectOutput(Path.of("target", "herald-" + port + "-threads.txt").toFile())
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      // best effort, for diagnosis only
    }
  }

  /** Kills the instance abruptly (SIGKILL), as a crash would. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
