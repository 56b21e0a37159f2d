package io.herald.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's soak test: a Payara Micro of its own ({@code -Xmx512m}, the demo's public topics)
 * under eight honest subscribers (two each of WebSocket, SSE, long poll and short poll, each
 * dropping its connection every 10-30 s and resuming from its cursor) of three topics that a
 * publisher feeds five batches a second, and the {@link Abusers} for {@code soak.minutes}: 0.5 when
 * unset (the default build's short run, so the test never rots), 30 with {@code -Psoak}.
 *
 * <p>With the honest clients running, a GC and the <b>baseline</b> sample. The abusers then run for
 * a warm-up (a tenth of the soak, 10-60 s) so the container's pools reach their working size; they
 * stop, their connections are awaited gone, a GC runs and the <b>start</b> sample is taken. They
 * run again for the soak proper, sampled periodically; they stop, the same wait and GC, and the
 * <b>end</b> sample. Asserted: heap after GC at most 32 MiB over the baseline at start (the
 * warm-up's abusers must leave no heap behind either) and over the start at the end, JVM threads
 * other than the container's on-demand HTTP request pool at most start + 10, file descriptors at
 * most start + 20, the server answered every sample, no {@code OutOfMemoryError} in its log, the
 * abusers' streams gone within 90 s of their stop, and every honest client got every message of
 * every topic exactly once, in order, with no gap. The samples, the honest clients' figures and
 * what the abusers were answered go to {@code target/soak/} (samples.csv, summary.md). See
 * docs/limits.md, "Soak test".
 */
class SoakIT {
  static final long HEAP_TOLERANCE_MIB = 32;
  static final long THREAD_TOLERANCE = 10;
  static final long FD_TOLERANCE = 20;
  static final long SETTLE_LIMIT_SECONDS = 90;
  static final List<String> TOPICS = List.of("soak/h/0", "soak/h/1", "soak/h/2");
  static final Path OUT = Path.of("target", "soak");

  private final List<SoakServer.Sample> samples = new ArrayList<>();
  private final Map<String, Boolean> checks = new LinkedHashMap<>();
  private final List<String> settles = new ArrayList<>();
  private long began;

  @Test
  void mixedHonestAndAbusiveClientsLeaveTheServerFlatAndLoseNothing() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "0.5"));
    long soakMillis = (long) (minutes * 60_000);
    long warmMillis = Math.max(10_000, Math.min(60_000, soakMillis / 10));
    long every = Math.max(15_000, Math.min(60_000, soakMillis / 10));
    Files.createDirectories(OUT);
    try (SoakServer server = SoakServer.start()) {
      began = System.currentTimeMillis();
      fillBigTopic(server.http());
      List<Honest> honest = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      long seed = 15;
      for (Honest.Kind kind : Honest.Kind.values()) {
        for (int i = 0; i < 2; i++) {
          Honest h = Honest.of(kind, kind + "-" + i, server.base(), TOPICS, seed++);
          honest.add(h);
          Thread t = new Thread(h, "soak-honest-" + h.name);
          t.setDaemon(true);
          threads.add(t);
          t.start();
        }
      }
      Thread.sleep(3_000);
      Publisher publisher = new Publisher(server.http());
      Thread pub = new Thread(publisher, "soak-publisher");
      pub.setDaemon(true);
      pub.start();

      Thread.sleep(5_000);
      SoakServer.Sample baseline = take(server, "baseline", true);
      Abusers abusers = new Abusers(server.port(), TOPICS);
      abusers.start();
      Thread.sleep(warmMillis);
      abusers.stop();
      settle(server, "warm-up");
      SoakServer.Sample start = take(server, "start", true);
      server.dumpThreads("payara-soak-start-threads.txt");

      abusers.start();
      long soakStart = System.currentTimeMillis();
      while (System.currentTimeMillis() - soakStart < soakMillis) {
        Thread.sleep(Math.min(every, soakMillis - (System.currentTimeMillis() - soakStart)));
        if (System.currentTimeMillis() - soakStart < soakMillis) {
          take(server, "during", false);
        }
      }
      abusers.stop();
      settle(server, "soak");
      SoakServer.Sample end = take(server, "end", true);
      server.dumpThreads("payara-soak-end-threads.txt");

      publisher.stop = true;
      pub.join(15_000);
      int published = publisher.published.get();
      long drainEnd = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < drainEnd
          && !honest.stream().allMatch(h -> h.reached(published))) {
        Thread.sleep(200);
      }
      honest.forEach(h -> h.stop = true);
      for (Thread t : threads) {
        t.join(15_000);
      }

      List<String> lost = new ArrayList<>();
      for (Honest h : honest) {
        String problem = h.verify(published);
        if (problem != null) {
          lost.add(problem);
        }
      }
      long ooms = server.logLines("OutOfMemoryError");
      checks.put(
          "heap after GC: end "
              + end.heapMib()
              + " MiB <= start "
              + start.heapMib()
              + " + "
              + HEAP_TOLERANCE_MIB,
          start.heapMib() >= 0
              && end.heapMib() >= 0
              && end.heapMib() <= start.heapMib() + HEAP_TOLERANCE_MIB);
      checks.put(
          "heap after GC over the warm-up: start "
              + start.heapMib()
              + " MiB <= baseline "
              + baseline.heapMib()
              + " + "
              + HEAP_TOLERANCE_MIB,
          baseline.heapMib() >= 0
              && start.heapMib() >= 0
              && start.heapMib() <= baseline.heapMib() + HEAP_TOLERANCE_MIB);
      long[] startThreads = server.threadsInDump("payara-soak-start-threads.txt");
      long[] endThreads = server.threadsInDump("payara-soak-end-threads.txt");
      checks.put(
          "JVM threads outside the container's HTTP request pool (which grows on demand to its"
              + " maximum; "
              + startThreads[0]
              + " at start, "
              + endThreads[0]
              + " at end): end "
              + endThreads[1]
              + " <= start "
              + startThreads[1]
              + " + "
              + THREAD_TOLERANCE,
          startThreads[1] > 0 && endThreads[1] <= startThreads[1] + THREAD_TOLERANCE);
      checks.put(
          "file descriptors: end " + end.fds() + " <= start " + start.fds() + " + " + FD_TOLERANCE,
          end.fds() >= 0 && end.fds() <= start.fds() + FD_TOLERANCE);
      checks.put(
          "the server answered every sample",
          samples.stream().allMatch(s -> s.heapMib() >= 0 && s.threads() >= 0));
      checks.put("no OutOfMemoryError in the server log (" + ooms + " lines)", ooms == 0);
      checks.put(
          "abusers' streams gone within "
              + SETTLE_LIMIT_SECONDS
              + " s of their stop ("
              + String.join(", ", settles)
              + ")",
          settles.stream().noneMatch(s -> s.contains("not")));
      checks.put(
          "honest clients: every one of "
              + published
              + " messages per topic exactly once, in order,"
              + " no gap"
              + (lost.isEmpty() ? "" : ": " + String.join(" | ", lost)),
          lost.isEmpty());

      writeReport(minutes, warmMillis, published, honest, abusers.outcomes(), server);
      List<String> failed =
          checks.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
      assertTrue(failed.isEmpty(), "soak failed (see target/soak/summary.md): " + failed);
    }
  }

  private SoakServer.Sample take(SoakServer server, String phase, boolean gc) throws IOException {
    SoakServer.Sample s = server.sample(phase, (System.currentTimeMillis() - began) / 1_000, gc);
    samples.add(s);
    StringBuilder csv = new StringBuilder(SoakServer.Sample.HEADER).append('\n');
    samples.forEach(x -> csv.append(x.csv()).append('\n'));
    Files.writeString(OUT.resolve("samples.csv"), csv);
    return s;
  }

  /**
   * Waits for the abusers' streams to be gone: at most the honest WebSocket and SSE streams left.
   */
  private void settle(SoakServer server, String after) throws InterruptedException {
    long start = System.currentTimeMillis();
    long honestStreams = 4;
    while (System.currentTimeMillis() - start < SETTLE_LIMIT_SECONDS * 1_000) {
      SoakServer.Sample s = server.sample("settle", 0, false);
      if (s.streams() >= 0 && s.streams() <= honestStreams && s.polls() <= 2) {
        settles.add(after + ": " + (System.currentTimeMillis() - start) / 1_000 + " s");
        Thread.sleep(2_000);
        return;
      }
      Thread.sleep(1_000);
    }
    SoakServer.Sample s = server.sample("settle", 0, false);
    settles.add(
        after
            + ": not within "
            + SETTLE_LIMIT_SECONDS
            + " s (streams "
            + s.streams()
            + ", parked polls "
            + s.polls()
            + ")");
  }

  /** 1,000 messages of 8 KB on {@link Abusers#BIG}, published 7 to a batch (under 64 KiB). */
  private static void fillBigTopic(Http http) throws InterruptedException {
    String pad = "x".repeat(8_000);
    int stored = 0;
    int attempts = 0;
    while (stored < 1_000 && attempts++ < 5_000) {
      StringBuilder batch = new StringBuilder("[");
      int n = Math.min(7, 1_000 - stored);
      for (int i = 0; i < n; i++) {
        batch
            .append(i > 0 ? "," : "")
            .append("{\"topic\":\"")
            .append(Abusers.BIG)
            .append("\",\"data\":{\"n\":")
            .append(stored + i)
            .append(",\"pad\":\"")
            .append(pad)
            .append("\"}}");
      }
      Http.Answer a = http.post("api/publish", batch.append(']').toString());
      if (a.status() == 201) {
        stored += n;
      } else {
        Thread.sleep(1_000); // rate-limited: wait and send the same batch again
      }
    }
    assertTrue(stored == 1_000, "filled " + Abusers.BIG + " with only " + stored + " messages");
  }

  /**
   * Publishes one message to each honest topic (one atomic batch, data {@code {"seq":n}}) every 200
   * ms; a refused batch is sent again, so {@link #published} counts what was stored.
   */
  private static final class Publisher implements Runnable {
    final Http http;
    final AtomicInteger published = new AtomicInteger();
    volatile boolean stop;

    Publisher(Http http) {
      this.http = http;
    }

    @Override
    public void run() {
      while (!stop) {
        int seq = published.get() + 1;
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < TOPICS.size(); i++) {
          batch
              .append(i > 0 ? "," : "")
              .append("{\"topic\":\"")
              .append(TOPICS.get(i))
              .append("\",\"data\":{\"seq\":")
              .append(seq)
              .append("}}");
        }
        try {
          Http.Answer a = http.post("api/publish", batch.append(']').toString());
          if (a.status() == 201) {
            published.set(seq);
          }
        } catch (RuntimeException e) {
          // Not stored (no answer): sent again below. A batch stored without its answer would
          // show up as a duplicate seq at the honest clients, which the test reports.
        }
        Honest.pause(200);
      }
    }
  }

  private void writeReport(
      double minutes,
      long warmMillis,
      int published,
      List<Honest> honest,
      Map<String, Long> outcomes,
      SoakServer server)
      throws IOException {
    StringBuilder md = new StringBuilder("# Soak test\n\n");
    md.append("soak.minutes=")
        .append(minutes)
        .append(", warm-up ")
        .append(warmMillis / 1_000)
        .append(" s, server log ")
        .append(server.log())
        .append(", thread dumps at the start and end samples beside it")
        .append("\n\n## Checks\n\n");
    checks.forEach((k, v) -> md.append("- ").append(v ? "PASS " : "FAIL ").append(k).append('\n'));
    md.append("\n## Samples\n\n| ")
        .append(SoakServer.Sample.HEADER.replace(",", " | "))
        .append(" |\n|")
        .append("---|".repeat(SoakServer.Sample.HEADER.split(",").length))
        .append('\n');
    samples.forEach(s -> md.append(s.markdown()).append('\n'));
    md.append("\n## Honest clients (")
        .append(published)
        .append(
            " messages published per topic)\n\n| client | received per topic | connections |"
                + " failed attempts | gaps | slowest short poll ms |\n|---|---|---|---|---|---|\n");
    for (Honest h : honest) {
      md.append("| ")
          .append(h.name)
          .append(" | ")
          .append(h.seen.values().stream().map(l -> Integer.toString(l.size())).toList())
          .append(" | ")
          .append(h.connects.get())
          .append(" | ")
          .append(h.failures.get())
          .append(" | ")
          .append(h.gaps.get())
          .append(" | ")
          .append(h instanceof Honest.Poll p && p.slowest.get() > 0 ? p.slowest.get() : "")
          .append(" |\n");
    }
    md.append("\n## What the abusers were answered (both runs)\n\n");
    outcomes.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    Files.writeString(OUT.resolve("summary.md"), md);
  }
}
