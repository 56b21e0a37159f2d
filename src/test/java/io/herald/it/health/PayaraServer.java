package io.herald.it.health;

import io.herald.it.app.TestPublisherResource;
import io.herald.testkit.Http;
import io.herald.testkit.ServerProcess;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Payara Micro of its own for tests that need settings the shared deployment must not have (short
 * heartbeats, small queues, low caps) or that redeploy. Runs the built WAR plus the test beans,
 * exploded, with {@code --hotdeploy} so that touching {@code .reload} redeploys it on the running
 * server. Always on loopback; {@link #close()} kills the process.
 */
final class PayaraServer implements AutoCloseable {
  /** Where the server's log and thread dumps are kept, next to the other test reports. */
  private static final Path REPORTS = Path.of("target", "failsafe-reports");

  private final ServerProcess process;
  private final Path app;
  private final int port;

  private PayaraServer(ServerProcess process, Path app, int port) {
    this.process = process;
    this.app = app;
    this.port = port;
  }

  /** Starts a server with these {@code herald.*} settings and waits until it answers. */
  static PayaraServer start(Map<String, String> settings) {
    try {
      Path dir = Files.createTempDirectory("herald-own-");
      File war = new File(ServerProcess.heraldWar());
      WebArchive archive =
          ShrinkWrap.createFromZipFile(WebArchive.class, war)
              .addPackage(TestPublisherResource.class.getPackage());
      archive.as(ExplodedExporter.class).exportExploded(dir.toFile(), "app");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(ServerProcess.java());
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xmx768m");
      // Security (docs/security.md): trust the test key, so Http and WsClient (Tokens.full()) get
      // in; the raw streams of these connection-health tests are anonymous, so all topics are
      // declared public here. Refusals are tested in the *SecurityIT classes.
      cmd.add("-Dmp.jwt.verify.publickey.location=src/test/resources/security/test-public.pem");
      cmd.add("-Dmp.jwt.verify.issuer=" + io.herald.testkit.Tokens.ISSUER);
      cmd.add("-Dherald.security.public-topics=**");
      cmd.add("-Dherald.security.public-publish=**");
      // These tests publish bursts over HTTP from one address (docs/limits.md).
      cmd.add("-Dherald.limits.http-publish-rate=0");
      settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      cmd.addAll(
          List.of(
              "-jar",
              ServerProcess.payaraMicroJar(),
              "--deploy",
              dir.resolve("app").toString(),
              "--contextroot",
              "/",
              "--port",
              Integer.toString(port),
              "--nocluster",
              "--hotdeploy",
              "--disablephonehome"));
      ServerProcess p =
          ServerProcess.start(
              "Payara on port " + port, cmd, REPORTS.resolve("payara-own-" + port + ".log"));
      PayaraServer server = new PayaraServer(p, dir.resolve("app"), port);
      server.awaitUp(Duration.ofSeconds(90));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  int port() {
    return port;
  }

  Http http() {
    return new Http(base());
  }

  /** The test diagnostics ({@code heap} after GC when asked, {@code threads}, counts). */
  JsonObject diag(boolean gc) {
    return http().get("api/test/diag?gc=" + gc).json();
  }

  /** Undeploys and redeploys the application on the running server, then waits for it. */
  void redeploy() throws IOException {
    long deployed = count("was successfully deployed");
    long started = count("No deployment transformer");
    long failed = count("Exception while loading the app");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long touchAgain = 0;
    while (count("was successfully deployed") == deployed) {
      if (count("Exception while loading the app") > failed) {
        throw new AssertionError("redeploy failed; see " + process.log());
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new AssertionError("not redeployed within 60 s; see " + process.log());
      }
      if (now > touchAgain && count("No deployment transformer") == started) {
        // Payara's watcher misses a .reload written too soon after a deployment, so touch it
        // again until the redeploy starts (its first log line is the transformer notice).
        Path reload = app.resolve(".reload");
        Files.writeString(reload, Long.toString(now));
        Files.setLastModifiedTime(reload, FileTime.fromMillis(System.currentTimeMillis()));
        touchAgain = now + TimeUnit.SECONDS.toNanos(5);
      }
      sleep(100);
    }
    awaitUp(Duration.ofSeconds(60));
  }

  /** Writes the server's thread dump next to the test reports, for a failing leak check. */
  void dumpThreads() {
    process.dumpThreads(REPORTS.resolve("payara-own-" + port + "-threads.txt"));
  }

  /** Lines of the server log that contain {@code text}. */
  private long count(String text) throws IOException {
    try (Stream<String> lines = Files.lines(process.log())) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  private void awaitUp(Duration limit) {
    try {
      process.awaitReady(
          limit, Duration.ofMillis(200), () -> http().get("api/test/diag").status() == 200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server (the log stays in {@code target/failsafe-reports}) and deletes the app. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
    try (Stream<Path> files = Files.walk(app.getParent())) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Only a temp folder left behind.
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
