package io.herald.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reconnect storm against Herald's WebSocket: {@code stormClients} subscribed while messages
 * flow; after two seconds every connection is cut at once and each client reconnects straight away,
 * resuming from the id of the last message it had. Clients that failed to set up before the storm
 * are counted apart and left out of it. Counts time to 99% and 100% resubscribed and every message
 * missing, duplicated or reordered across the whole run: missing at the end of the usual drain
 * ("lost", as every other step counts it), then, after waiting up to {@code extendedDrainMillis}
 * more, still missing, with the time the last one arrived, so lateness is told apart from loss. The
 * server's own counters (queue overflows, disconnects, errors, gaps) are logged before and after.
 *
 * <p>Called by the orchestrator thread.
 */
final class Storms {
  private static final double RATE = 5;
  private static final double SECONDS = 12;
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private Storms() {}

  static Storm run(Target target, long origin, Plan plan, long base, long extendedDrainMillis)
      throws Exception {
    Tally tally = new Tally(origin);
    int n = plan.stormClients();
    try (Fleet fleet = new Fleet(target, tally, plan.shortPollMillis())) {
      fleet.resume = true;
      Fleet.Opened opened = fleet.open(n, 300_000);
      if (opened.failed() > 0) {
        Bench.log(target.name() + ": storm with " + opened.ready() + "/" + n + " set up");
      }
      Bench.log("storm: server counters before: " + serverCounters(target));
      int resuming = opened.ready();
      int count = (int) (RATE * SECONDS);
      fleet.onLoop(
          () -> {
            tally.reset(base, count);
            return null;
          });
      Publisher publisher = new Publisher(target, origin);
      AtomicInteger publishFailures = new AtomicInteger();
      Thread pub =
          new Thread(
              () ->
                  publishFailures.set(
                      publisher.run(base, count, RATE, 64, System.nanoTime() + 120_000_000_000L)),
              "storm-publisher");
      pub.start();
      Thread.sleep(2000);
      long cut = System.nanoTime();
      long cutMicros = tally.nowMicros();
      fleet.onLoop(fleet::cutAll);
      // Before the fix that keeps the subscribed cursor, these resubscribed "from now" and never
      // got what was published between the cut and their resubscription.
      Bench.log(
          "storm: clients with no message yet at the cut: "
              + fleet.onLoop(
                  () ->
                      fleet.conns().stream()
                          .filter(c -> c.reconnecting && c.track.received(base) == 0)
                          .count()));
      int dropsBefore = fleet.onLoop(() -> fleet.dropped);
      long to99 = -1;
      long to100 = -1;
      long deadline = cut + 60_000_000_000L;
      long expected = (long) resuming * count;
      Progress progress = new Progress(fleet, cut, expected);
      while (System.nanoTime() < deadline && to100 < 0) {
        int ready = fleet.onLoop(() -> fleet.ready);
        long ms = (System.nanoTime() - cut) / 1_000_000;
        if (to99 < 0 && ready >= resuming * 0.99) {
          to99 = ms;
        }
        if (ready >= resuming) {
          to100 = ms;
        }
        progress.maybeLog();
        Thread.sleep(10);
      }
      pub.join(130_000);
      long drainUntil = System.nanoTime() + plan.drainMillis() * 1_000_000L;
      while (System.nanoTime() < drainUntil && fleet.onLoop(tally::delivered) < expected) {
        progress.maybeLog();
        Thread.sleep(20);
      }
      long atDrain = fleet.onLoop(tally::delivered);
      long extendedUntil = System.nanoTime() + extendedDrainMillis * 1_000_000L;
      while (System.nanoTime() < extendedUntil && fleet.onLoop(tally::delivered) < expected) {
        progress.maybeLog();
        Thread.sleep(20);
      }
      progress.log();
      long delivered = fleet.onLoop(tally::delivered);
      long last = fleet.onLoop(tally::lastMicros);
      Bench.log("storm: server counters after: " + serverCounters(target));
      Bench.log(
          "storm: connections ended by the server or an error: "
              + fleet.onLoop(() -> new TreeMap<>(fleet.endings)));
      Bench.log("storm: " + fleet.onLoop(() -> missingBy(fleet, base, count)));
      return new Storm(
          target.name(),
          n,
          opened.failed(),
          to99,
          to100,
          expected,
          expected - atDrain,
          fleet.onLoop(tally::duplicates),
          fleet.onLoop(tally::reordered),
          publishFailures.get(),
          fleet.onLoop(() -> fleet.dropped) - dropsBefore,
          plan.drainMillis(),
          last < 0 ? -1 : Math.max(0, (last - cutMicros) / 1000),
          extendedDrainMillis,
          expected - delivered);
    }
  }

  /**
   * Who still lacks messages, by what happened to the client: still subscribed and never dropped,
   * dropped by the server after resubscribing, or not subscribed again; with a few examples.
   */
  private static String missingBy(Fleet fleet, long base, int count) {
    TreeMap<String, long[]> groups = new TreeMap<>();
    StringBuilder examples = new StringBuilder();
    int shown = 0;
    for (Fleet.Conn c : fleet.conns()) {
      if (c.failed) {
        continue;
      }
      int missing = count - c.track.received(base);
      if (missing == 0) {
        continue;
      }
      String group =
          !c.ready ? "not subscribed again" : c.drops > 0 ? "dropped, resumed" : "subscribed";
      long[] g = groups.computeIfAbsent(group, k -> new long[2]);
      g[0]++;
      g[1] += missing;
      if (shown++ < 5) {
        examples.append(
            String.format(
                "%n  client: %d missing, first #%d, cursor at cut %s, %d connects, %d drops,"
                    + " handshaken %s, channel %s",
                missing,
                c.track.firstMissing(base, count),
                c.cursorAtCut,
                c.connects,
                c.drops,
                c.handshaken,
                c.channel == null ? "none" : c.channel.isActive() ? "open" : "closed"));
      }
    }
    StringBuilder out = new StringBuilder("clients missing messages (clients/messages): ");
    groups.forEach(
        (k, v) -> out.append(k).append(' ').append(v[0]).append('/').append(v[1]).append("; "));
    if (groups.isEmpty()) {
      out.append("none");
    }
    return out.append(examples).toString();
  }

  /** Logs, every few seconds, how many are subscribed again and how much has arrived. */
  private static final class Progress {
    private final Fleet fleet;
    private final long cut;
    private final long expected;
    private long next;

    Progress(Fleet fleet, long cut, long expected) {
      this.fleet = fleet;
      this.cut = cut;
      this.expected = expected;
      this.next = cut + PROGRESS_EVERY_NANOS;
    }

    void maybeLog() throws Exception {
      long now = System.nanoTime();
      if (now >= next) {
        // From now: the loop may have been too busy to answer for a while.
        next = now + PROGRESS_EVERY_NANOS;
        log();
      }
    }

    void log() throws Exception {
      long[] r =
          fleet.onLoop(() -> new long[] {fleet.ready, fleet.tally.delivered(), fleet.dropped});
      Bench.log(
          String.format(
              "storm +%.1f s: %d subscribed, %d/%d delivered (%d missing), %d dropped",
              (System.nanoTime() - cut) / 1e9, r[0], r[1], expected, expected - r[1], r[2]));
    }
  }

  /** Herald's own counters that would explain loss, from its metrics (best effort). */
  private static String serverCounters(Target target) {
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String body =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + Fleet.HOST + ":" + target.port() + "/api/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      StringBuilder out = new StringBuilder();
      for (String line : body.split("\n")) {
        if (line.startsWith("herald_queue_overflows")
            || line.startsWith("herald_disconnects")
            || line.startsWith("herald_errors")
            || line.startsWith("herald_gaps_served")
            || line.startsWith("herald_messages_published")) {
          out.append(line.trim()).append("; ");
        }
      }
      return out.toString();
    } catch (Exception e) {
      return "unavailable (" + e + ")";
    }
  }
}
