package io.herald.it.health;

import io.herald.it.Http;
import io.herald.it.app.TestPublisherResource;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private final Process process;
  private final Path app;
  private final Path log;
  private final int port;

  private PayaraServer(Process process, Path app, Path log, int port) {
    this.process = process;
    this.app = app;
    this.log = log;
    this.port = port;
  }

  /** Starts a server with these {@code herald.*} settings and waits until it answers. */
  static PayaraServer start(Map<String, String> settings) {
    try {
      Path dir = Files.createTempDirectory("herald-own-");
      File war = new File(System.getProperty("herald.war", "target/ROOT.war"));
      WebArchive archive =
          ShrinkWrap.createFromZipFile(WebArchive.class, war)
              .addPackage(TestPublisherResource.class.getPackage());
      archive.as(ExplodedExporter.class).exportExploded(dir.toFile(), "app");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xmx768m");
      settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      cmd.addAll(
          List.of(
              "-jar",
              System.getProperty("payara.microJar", "target/payara/payara-micro.jar"),
              "--deploy",
              dir.resolve("app").toString(),
              "--contextroot",
              "/",
              "--port",
              Integer.toString(port),
              "--nocluster",
              "--hotdeploy",
              "--disablephonehome"));
      Path log = dir.resolve("server.log");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      PayaraServer server = new PayaraServer(p, dir.resolve("app"), log, port);
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
    long deployed = deployments();
    Files.writeString(app.resolve(".reload"), Long.toString(System.nanoTime()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (deployments() == deployed) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not redeployed within 60 s; see " + log);
      }
      sleep(100);
    }
    awaitUp(Duration.ofSeconds(60));
  }

  private long deployments() throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("was successfully deployed")).count();
    }
  }

  private void awaitUp(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Payara exited; see " + log);
      }
      try {
        if (http().get("api/test/diag").status() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      sleep(200);
    }
    throw new AssertionError("Payara not up within " + limit + "; see " + log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      // Kept for diagnosis, next to the other test reports.
      Files.createDirectories(Path.of("target", "failsafe-reports"));
      Files.copy(
          log,
          Path.of("target", "failsafe-reports", "payara-own-" + port + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // Diagnostics only.
    }
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
