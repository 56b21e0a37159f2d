package io.herald.cluster;

import io.herald.testkit.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One Herald instance as its own Payara Micro process (the WAR the build made), with the Redis
 * store. Started and killed by the cluster tests; never shares a JVM with them, so killing it is
 * what a crash is. Its log is {@code target/herald-<port>.log}.
 *
 * <p>Not thread-safe.
 */
final class HeraldProcess implements AutoCloseable {
  private final int port;
  private final String redisUri;
  private ServerProcess process;

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
    List<String> cmd =
        List.of(
            ServerProcess.java(),
            "-XX:TieredStopAtLevel=1",
            "-Xmx384m",
            // Trust the test key pair; the cluster clients send Tokens.full() (docs/security.md).
            "-Dmp.jwt.verify.publickey.location=src/test/resources/security/test-public.pem",
            "-Dmp.jwt.verify.issuer=" + io.herald.testkit.Tokens.ISSUER,
            "-Dherald.store=redis",
            "-Dherald.redis.uri=" + redisUri,
            // The demo publishers would write into the shared history between a test's publish
            // and its cursor checks.
            "-Dherald.demo.enabled=false",
            // The cluster tests publish bursts over HTTP from one address (docs/limits.md).
            "-Dherald.limits.http-publish-rate=0",
            "-jar",
            ServerProcess.payaraMicroJar(),
            "--deploy",
            ServerProcess.heraldWar(),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            "--nocluster",
            "--prebootcommandfile",
            "server-config/pre-boot-commands.asadmin");
    process =
        ServerProcess.start(
            "Herald on port " + port, cmd, Path.of("target", "herald-" + port + ".log"));
    return this;
  }

  /** Waits until the instance answers a short poll with 200 (so it reached Redis). */
  void awaitReady(HttpClient http) throws InterruptedException {
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(base() + "/api/messages?topic=ready"))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + io.herald.testkit.Tokens.full())
            .build();
    try {
      process.awaitReady(
          Duration.ofSeconds(120),
          Duration.ofMillis(250),
          () -> {
            HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            return true;
          });
    } catch (AssertionError e) {
      process.dumpThreads(Path.of("target", "herald-" + port + "-threads.txt"));
      throw e;
    }
  }

  /** Kills the instance abruptly (SIGKILL), as a crash would. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.kill();
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
