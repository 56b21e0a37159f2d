package io.herald.testkit;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Payara Micro of a test's own, for settings the shared deployment must not have (short
 * heartbeats, small heaps, low caps), for redeploys and for the soak: the built WAR plus the test
 * app's package, exploded, on a free port of the loopback address, ready once the test app's {@code
 * api/test/diag} answers. Its log stays in the reports folder; {@link #close()} stops the process
 * and deletes the exploded app.
 *
 * <p>Not thread-safe; owned by the test that started it.
 */
public final class OwnPayara implements AutoCloseable {
  private final ServerProcess process;
  private final Path dir;
  private final Path reports;
  private final int port;

  private OwnPayara(ServerProcess process, Path dir, Path reports, int port) {
    this.process = process;
    this.dir = dir;
    this.reports = reports;
    this.port = port;
  }

  /** A server that deploys the built WAR plus {@code testApp}, logging into {@code reports}. */
  public static Builder builder(Package testApp, Path reports) {
    return new Builder(testApp, reports);
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return process.log();
  }

  /** An anonymous client of this server. */
  public Http http() {
    return new Http(base());
  }

  /** The test app's diagnostics ({@code heap} after GC when asked, {@code threads}, counts). */
  public JsonObject diag(boolean gc) {
    return http().get("api/test/diag?gc=" + gc).json();
  }

  /** Lines of the server log that contain {@code text}. */
  public long logLines(String text) throws IOException {
    try (Stream<String> lines = Files.lines(process.log(), StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  /** Writes the server's thread dump into the reports folder as {@code name}. */
  public void dumpThreads(String name) {
    process.dumpThreads(reports.resolve(name));
  }

  /**
   * Undeploys and redeploys the application on the running server (started with {@link
   * Builder#hotDeploy()}), then waits for it.
   */
  public void redeploy() throws IOException {
    long deployed = logLines("was successfully deployed");
    long started = logLines("No deployment transformer");
    long failed = logLines("Exception while loading the app");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long touchAgain = 0;
    while (logLines("was successfully deployed") == deployed) {
      if (logLines("Exception while loading the app") > failed) {
        throw new AssertionError("redeploy failed; see " + process.log());
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new AssertionError("not redeployed within 60 s; see " + process.log());
      }
      if (now > touchAgain && logLines("No deployment transformer") == started) {
        // Payara's watcher misses a .reload written too soon after a deployment, so touch it
        // again until the redeploy starts (its first log line is the transformer notice).
        Path reload = dir.resolve("app").resolve(".reload");
        Files.writeString(reload, Long.toString(now));
        Files.setLastModifiedTime(reload, FileTime.fromMillis(System.currentTimeMillis()));
        touchAgain = now + TimeUnit.SECONDS.toNanos(5);
      }
      sleep(100);
    }
    awaitUp(Duration.ofSeconds(60));
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

  /** Stops the server (its log stays in the reports folder) and deletes the exploded app. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Only a temp folder left behind.
    }
  }

  /** Sleeps, turning an interrupt into a test failure. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How to start one; every setting but the test app and the reports folder is optional. */
  public static final class Builder {
    private final Package testApp;
    private final Path reports;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String heap = "768m";
    private String preBoot;
    private boolean hotDeploy;
    private String logName = "payara-own";
    private Duration readyWithin = Duration.ofSeconds(90);

    private Builder(Package testApp, Path reports) {
      this.testApp = testApp;
      this.reports = reports;
    }

    /** {@code -Xmx}, e.g. {@code 512m}. */
    public Builder heap(String xmx) {
      this.heap = xmx;
      return this;
    }

    /** A system property ({@code herald.*}, {@code mp.jwt.*}) for the server. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder properties(Map<String, String> all) {
      properties.putAll(all);
      return this;
    }

    /** Trusts the test key ({@link Tokens}), so clients with a test token get in. */
    public Builder trustTestKey() {
      property("mp.jwt.verify.publickey.location", "src/test/resources/security/test-public.pem");
      return property("mp.jwt.verify.issuer", Tokens.ISSUER);
    }

    /** Payara's pre-boot command file, as {@code bin/run} passes it. */
    public Builder preBoot(String file) {
      this.preBoot = file;
      return this;
    }

    /** Watches the exploded app so that {@link OwnPayara#redeploy()} works. */
    public Builder hotDeploy() {
      this.hotDeploy = true;
      return this;
    }

    /** The log's file name before {@code -<port>.log}. */
    public Builder logName(String name) {
      this.logName = name;
      return this;
    }

    public Builder readyWithin(Duration limit) {
      this.readyWithin = limit;
      return this;
    }

    /** Starts the server and waits until the test app answers. */
    public OwnPayara start() {
      try {
        Path dir = Files.createTempDirectory("herald-own-");
        ShrinkWrap.createFromZipFile(WebArchive.class, new File(ServerProcess.heraldWar()))
            .addPackage(testApp)
            .as(ExplodedExporter.class)
            .exportExploded(dir.toFile(), "app");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ServerProcess.java());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xmx" + heap);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
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
                "--disablephonehome"));
        if (preBoot != null) {
          cmd.addAll(List.of("--prebootcommandfile", preBoot));
        }
        if (hotDeploy) {
          cmd.add("--hotdeploy");
        }
        ServerProcess p =
            ServerProcess.start(
                "Payara on port " + port, cmd, reports.resolve(logName + "-" + port + ".log"));
        OwnPayara server = new OwnPayara(p, dir, reports, port);
        try {
          server.awaitUp(readyWithin);
        } catch (RuntimeException | Error e) {
          server.close();
          throw e;
        }
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
