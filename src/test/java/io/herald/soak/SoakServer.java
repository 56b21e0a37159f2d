package io.herald.soak;

import io.herald.it.app.TestPublisherResource;
import io.herald.testkit.Http;
import io.herald.testkit.ServerProcess;
import io.herald.testkit.Tokens;
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
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The soak test's own Payara Micro: the built WAR plus the test diagnostics, {@code -Xmx512m}, the
 * pre-boot file {@code bin/run} uses, the demo's public topics (plus {@code soak/**} public to
 * subscribe) and the test key trusted, on a free port of the loopback address. {@link #sample}
 * measures it from outside (threads and file descriptors from {@code /proc}) and from inside (heap
 * after GC from {@code /api/test/diag}).
 *
 * <p>Not thread-safe; owned by the test.
 */
final class SoakServer implements AutoCloseable {
  private static final Path REPORTS = Path.of("target", "soak");

  private final ServerProcess process;
  private final Path dir;
  private final int port;

  private SoakServer(ServerProcess process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static SoakServer start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("herald-soak-");
    WebArchive archive =
        ShrinkWrap.createFromZipFile(WebArchive.class, new File(ServerProcess.heraldWar()))
            .addPackage(TestPublisherResource.class.getPackage());
    archive.as(ExplodedExporter.class).exportExploded(dir.toFile(), "app");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ServerProcess.java());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xmx512m");
    cmd.add("-Dmp.jwt.verify.publickey.location=src/test/resources/security/test-public.pem");
    cmd.add("-Dmp.jwt.verify.issuer=" + Tokens.ISSUER);
    // server-config/demo.properties, with the soak's own topics public to subscribe.
    cmd.add("-Dherald.security.public-topics=demo,demo/**,soak/**");
    cmd.add("-Dherald.security.public-publish=demo,demo/chat");
    cmd.add("-Dherald.demo.enabled=false");
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
            "--prebootcommandfile",
            "server-config/pre-boot-commands.asadmin",
            "--disablephonehome"));
    ServerProcess p =
        ServerProcess.start("Payara on port " + port, cmd, REPORTS.resolve("payara-soak.log"));
    SoakServer server = new SoakServer(p, dir, port);
    p.awaitReady(
        Duration.ofSeconds(120),
        Duration.ofMillis(250),
        () -> server.http().get("api/test/diag").status() == 200);
    return server;
  }

  int port() {
    return port;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** A client with the test token (may publish anywhere). */
  Http http() {
    return new Http(base(), Tokens.full());
  }

  Path log() {
    return process.log();
  }

  /** Lines of the server log containing {@code text}. */
  long logLines(String text) throws IOException {
    try (Stream<String> lines =
        Files.lines(process.log(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  /**
   * One health sample; {@code gc} first runs the diagnostics' {@code System.gc()}. A server that no
   * longer answers gives -1 for what only it can tell.
   */
  Sample sample(String phase, long elapsedSeconds, boolean gc) {
    long pid = process.pid();
    long threads = -1;
    long rss = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("Threads:")) {
          threads = Long.parseLong(line.substring(8).trim());
        } else if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone: -1.
    }
    long fds = -1;
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds = s.count();
    } catch (IOException | UncheckedIOException e) {
      // The process is gone: -1.
    }
    long heap = -1;
    long herald = -1;
    long streams = -1;
    long subscribers = -1;
    long polls = -1;
    try {
      // A server out of heap may not answer at all: 30 s, then -1 (the test's Http waits 90 s).
      java.net.http.HttpResponse<String> a =
          Honest.HTTP.send(
              java.net.http.HttpRequest.newBuilder(base().resolve("api/test/diag?gc=" + gc))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (a.statusCode() == 200) {
        JsonObject d = Honest.parse(a.body());
        heap = d.getJsonNumber("heap").longValue() / (1024 * 1024);
        herald = d.getJsonNumber("threads").longValue();
        streams = d.getJsonNumber("streams").longValue();
        subscribers = d.getJsonNumber("subscribers").longValue();
        polls = d.getJsonNumber("polls").longValue();
      }
    } catch (IOException e) {
      // Not answering: -1.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Not answering: -1.
    }
    return new Sample(
        phase, elapsedSeconds, gc, heap, threads, herald, fds, rss, streams, subscribers, polls);
  }

  /** Writes a thread dump of the server next to its log. */
  void dumpThreads(String name) {
    process.dumpThreads(REPORTS.resolve(name));
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Only a temp folder left behind.
    }
  }

  /**
   * One health sample of the server.
   *
   * @param heapMib heap used (after GC when {@code gc}), MiB
   * @param threads all threads of the server's JVM ({@code /proc/<pid>/status})
   * @param heraldThreads live threads named {@code herald-*}
   * @param fds open file descriptors ({@code /proc/<pid>/fd})
   * @param rssMib resident set size, MiB
   */
  record Sample(
      String phase,
      long elapsedSeconds,
      boolean gc,
      long heapMib,
      long threads,
      long heraldThreads,
      long fds,
      long rssMib,
      long streams,
      long subscribers,
      long polls) {
    static final String HEADER =
        "phase,elapsed_s,after_gc,heap_used_mib,jvm_threads,herald_threads,fds,rss_mib,streams,subscribers,parked_polls";

    String csv() {
      return String.join(
          ",",
          phase,
          Long.toString(elapsedSeconds),
          Boolean.toString(gc),
          Long.toString(heapMib),
          Long.toString(threads),
          Long.toString(heraldThreads),
          Long.toString(fds),
          Long.toString(rssMib),
          Long.toString(streams),
          Long.toString(subscribers),
          Long.toString(polls));
    }

    String markdown() {
      return "| " + csv().replace(",", " | ") + " |";
    }
  }
}
