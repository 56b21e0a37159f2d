package io.herald.soak;

import io.herald.it.app.TestPublisherResource;
import io.herald.testkit.Http;
import io.herald.testkit.OwnPayara;
import io.herald.testkit.Tokens;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The soak test's own Payara Micro ({@link OwnPayara}): the built WAR plus the test diagnostics,
 * {@code -Xmx512m}, the pre-boot file {@code bin/run} uses, the demo's public topics (plus {@code
 * soak/**} public to subscribe) and the test key trusted, on a free port of the loopback address.
 * {@link #sample} measures it from outside (threads and file descriptors from {@code /proc}) and
 * from inside (heap after GC from {@code /api/test/diag}).
 *
 * <p>Not thread-safe; owned by the test.
 */
final class SoakServer implements AutoCloseable {
  private final OwnPayara server;

  private SoakServer(OwnPayara server) {
    this.server = server;
  }

  static SoakServer start() {
    return new SoakServer(
        OwnPayara.builder(TestPublisherResource.class.getPackage(), Path.of("target", "soak"))
            .heap("512m")
            .trustTestKey()
            // server-config/demo.properties, with the soak's own topics public to subscribe.
            .property("herald.security.public-topics", "demo,demo/**,soak/**")
            .property("herald.security.public-publish", "demo,demo/chat")
            .property("herald.demo.enabled", "false")
            .preBoot("server-config/pre-boot-commands.asadmin")
            .logName("payara-soak")
            .readyWithin(Duration.ofSeconds(120))
            .start());
  }

  int port() {
    return server.port();
  }

  URI base() {
    return server.base();
  }

  /** A client with the test token (may publish anywhere). */
  Http http() {
    return new Http(base(), Tokens.full());
  }

  Path log() {
    return server.log();
  }

  /** Lines of the server log containing {@code text}. */
  long logLines(String text) throws IOException {
    return server.logLines(text);
  }

  /**
   * One health sample; {@code gc} first runs the diagnostics' {@code System.gc()}. A server that no
   * longer answers gives -1 for what only it can tell.
   */
  Sample sample(String phase, long elapsedSeconds, boolean gc) {
    long pid = server.pid();
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
    server.dumpThreads(name);
  }

  /**
   * Counts the threads of a dump {@link #dumpThreads} wrote: {@code [request pool, all others]}.
   * The container's HTTP request pool ({@code http-thread-pool::…}) grows on demand up to its
   * configured maximum and shrinks when idle, so its size says how busy the server was, not that it
   * leaks; every other thread should be as many at the end as at the start.
   */
  long[] threadsInDump(String name) throws IOException {
    long pool = 0;
    long others = 0;
    for (String line :
        Files.readAllLines(server.log().resolveSibling(name), StandardCharsets.ISO_8859_1)) {
      if (line.startsWith("\"")) {
        if (line.startsWith("\"http-thread-pool::")) {
          pool++;
        } else {
          others++;
        }
      }
    }
    return new long[] {pool, others};
  }

  @Override
  public void close() {
    server.close();
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
