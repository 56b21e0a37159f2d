package io.herald.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Runs the whole benchmark once and writes {@code results.json}, {@code results.md} and PNG charts:
 * starts each server in turn pinned to core 0, drives every target from this JVM (pinned to core 1)
 * and stops it. {@code --mode=smoke} (N = 1,000, fixed rate, CI) exits 1 on any loss, duplicate or
 * reordering (in the reconnect storm: any message still missing after its extended drain), or when
 * more than 1% of a step's connections fail to set up ({@link Plan#failsRun}); connections that
 * fail to set up are counted and reported, never abort the run. {@code --mode=full} climbs a rate
 * ladder per client count and payload to find the highest rate with zero loss and p99 ≤ 250 ms.
 * {@code --scenarios=storm} (or any of {@code latency,fanout,storm,encoding}) runs only those;
 * {@code --storm-drain=ms} is how long the storm waits past the usual drain for messages still
 * missing (default 60 s), to tell late from lost.
 *
 * <p>Single-threaded orchestration; the load itself runs on each {@link Fleet}'s event loop.
 */
public final class Bench {
  static final double P99_LIMIT_MS = 250;

  private final Map<String, String> args;
  private final Plan plan;
  private final long origin = System.nanoTime();
  private final Path out;
  private final List<Step> steps = new ArrayList<>();
  private final List<Setup> setups = new ArrayList<>();
  private final List<Storm> storms = new ArrayList<>();
  private final Map<String, Target> targets = new HashMap<>();
  private long nextSeq = 1;

  private Bench(Map<String, String> args) {
    this.args = args;
    Plan planned =
        Plan.of(args.getOrDefault("mode", "smoke"), maxClients(), args.getOrDefault("clients", ""));
    String storm = args.getOrDefault("storm", "");
    this.plan = storm.isBlank() ? planned : planned.withStorm(Integer.parseInt(storm));
    this.out = Path.of(args.getOrDefault("out", "target/bench")).toAbsolutePath();
  }

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(2, eq), a.substring(eq + 1));
    }
    if (pinning()) {
      new ProcessBuilder("taskset", "-a", "-cp", "1", String.valueOf(ProcessHandle.current().pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    }
    if (args.containsKey("rerender")) {
      Rerender.from(Path.of(args.get("rerender")), args.getOrDefault("mode", "full"));
      return;
    }
    Bench bench = new Bench(args);
    boolean ok = bench.run();
    System.exit(ok ? 0 : 1);
  }

  static boolean pinning() {
    return Runtime.getRuntime().availableProcessors() >= 2
        && new File("/usr/bin/taskset").canExecute();
  }

  private boolean run() throws Exception {
    Files.createDirectories(out);
    log("mode " + plan.mode() + ", clients " + plan.clients() + ", output " + out);
    int port = Integer.parseInt(args.getOrDefault("port", "18200"));
    Path herald = Path.of(args.get("herald-war")).toAbsolutePath();
    Path payara = Path.of(args.get("payara-jar")).toAbsolutePath();
    Path peers = Path.of(args.get("peers-war")).toAbsolutePath();
    Path socketio = Path.of(args.get("socketio-dir")).toAbsolutePath();
    List<String> payaraJvm = new ArrayList<>(List.of("java", "-Xms1g", "-Xmx2g", "-XX:+UseG1GC"));
    String extra = args.getOrDefault("server-opts", "").trim();
    if (!extra.isEmpty()) {
      payaraJvm.addAll(List.of(extra.split("\\s+")));
    }
    payaraJvm.add("-jar");

    for (Target t : Targets.all(port)) {
      add(t);
    }

    File dir = out.toFile();
    String java = System.getProperty("java.home") + "/bin/java";
    runServer(
        () ->
            start(
                "herald",
                concat(
                    heraldJvm(payaraJvm),
                    payara.toString(),
                    "--deploy",
                    herald.toString(),
                    "--contextroot",
                    "/",
                    "--port",
                    String.valueOf(port),
                    "--nocluster"),
                dir,
                "http://127.0.0.1:" + port + "/api/messages?topic=bench",
                null),
        "herald-ws",
        "herald-ws-deflate",
        "herald-ws-binary",
        "herald-sse",
        "herald-longpoll",
        "herald-shortpoll");
    runServer(
        () ->
            start(
                "peers",
                concat(
                    payaraJvm,
                    payara.toString(),
                    "--deploy",
                    peers.toString(),
                    "--contextroot",
                    "/peers",
                    "--port",
                    String.valueOf(port + 1),
                    "--nocluster"),
                dir,
                "http://127.0.0.1:" + (port + 1) + "/peers/api/ready",
                null),
        "plain-ws",
        "plain-sse");
    runServer(
        () -> {
          npmInstall(socketio);
          return start(
              "socketio",
              List.of("node", "--expose-gc", "server.js", String.valueOf(port + 2)),
              socketio.toFile(),
              "http://127.0.0.1:" + (port + 2) + "/ready",
              "http://127.0.0.1:" + (port + 2) + "/heap");
        },
        "socketio");
    runServer(
        () ->
            start(
                "nio-ceiling",
                List.of(
                    java,
                    "-Xmx1g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Ceiling.class.getName(),
                    String.valueOf(port + 3)),
                dir,
                "http://127.0.0.1:" + (port + 3) + "/ready",
                null),
        "nio-ceiling");
    new Report(out, plan, targets, steps, setups, storms).write();
    long failing =
        steps.stream().filter(plan::failsRun).count()
            + storms.stream().filter(plan::failsRun).count();
    log(
        "results in "
            + out
            + (failing > 0
                ? "; " + failing + " step(s) or storm(s) lost messages or connections"
                : ""));
    return failing == 0;
  }

  /**
   * Herald's protective per-address limits (docs/limits.md) would refuse a load generator whose
   * thousands of clients all come from 127.0.0.1; the benchmark lifts them. Its topics are public
   * and anyone may publish (docs/security.md), as on the peers, which have no security: tokens
   * would only add work the peers do not do.
   */
  private static List<String> heraldJvm(List<String> payaraJvm) {
    List<String> jvm = new ArrayList<>(payaraJvm.subList(0, payaraJvm.size() - 1));
    jvm.add("-Dherald.limits.max-connections-per-address=1000000");
    jvm.add("-Dherald.limits.max-streams=1000000");
    jvm.add("-Dherald.limits.max-parked-polls=1000000");
    jvm.add("-Dherald.limits.http-publish-rate=0");
    jvm.add("-Dherald.security.public-topics=**");
    jvm.add("-Dherald.security.public-publish=**");
    // For the encoding-cost scenario; only clients that offer permessage-deflate get it.
    jvm.add("-Dherald.websocket.compression=true");
    jvm.add("-jar");
    return jvm;
  }

  /**
   * Whether {@code scenario} ({@code latency}, {@code fanout}, {@code storm}, {@code encoding}) is
   * to run: all of them unless {@code --scenarios=} names some (e.g. {@code storm} alone).
   */
  private boolean runs(String scenario) {
    String wanted = args.getOrDefault("scenarios", "");
    return wanted.isBlank() || List.of(wanted.split(",")).contains(scenario);
  }

  private void add(Target t) {
    targets.put(t.name(), t);
  }

  private interface Starter {
    ServerProcess start() throws Exception;
  }

  private void runServer(Starter starter, String... names) throws Exception {
    String only = args.getOrDefault("only", "");
    if (!only.isEmpty() && List.of(names).stream().noneMatch(List.of(only.split(","))::contains)) {
      return;
    }
    ServerProcess server;
    try {
      server = starter.start();
    } catch (Exception e) {
      log("SKIPPED " + String.join(", ", names) + ": " + e.getMessage());
      return;
    }
    try (server) {
      log(
          server.name
              + " up (pid "
              + server.pid()
              + ", RSS "
              + server.rssBytes() / (1 << 20)
              + " MiB)");
      warmUp(server, targets.get(names[0]));
      for (String name : names) {
        if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
          continue;
        }
        Target t = targets.get(name);
        if (t.encoding() != Encoding.JSON) {
          continue; // measured side by side with JSON in encodings()
        }
        if (runs("latency")) {
          latency(server, t);
        }
        if (runs("fanout")) {
          fanOut(server, t);
        }
        if (t.kind() == Kind.HERALD_WS && plan.stormClients() > 0 && runs("storm")) {
          storm(server, t);
        }
        new Report(out, plan, targets, steps, setups, storms).write();
      }
      if (List.of(names).contains("herald-ws")
          && runs("encoding")
          && (only.isEmpty()
              || List.of(only.split(",")).stream()
                  .anyMatch(
                      List.of("herald-ws", "herald-ws-deflate", "herald-ws-binary")::contains))) {
        encodings(server);
        new Report(out, plan, targets, steps, setups, storms).write();
      }
    }
  }

  /**
   * The server CPU per delivery of each {@link Encoding} (JSON, JSON with permessage-deflate,
   * binary frames) under the same load, in interleaved rounds ({@link EncodingPlan}); recorded as
   * steps of scenario {@code encoding} and compared with JSON in the report.
   */
  private void encodings(ServerProcess server) throws Exception {
    String only = args.getOrDefault("only", "");
    EncodingPlan e =
        EncodingPlan.of(
            plan.mode(),
            maxClients(),
            List.of(only.split(",")).stream()
                .anyMatch(List.of("herald-ws-deflate", "herald-ws-binary")::contains));
    List<Target> variants =
        List.of(
            targets.get("herald-ws"),
            targets.get("herald-ws-deflate"),
            targets.get("herald-ws-binary"));
    for (int round = 0; round < e.rounds(); round++) {
      for (Target t : variants) {
        try (Fleet fleet = new Fleet(t, new Tally(origin), plan.shortPollMillis())) {
          Fleet.Opened opened = opened(fleet.open(e.clients(), 120_000), t);
          // Unmeasured: the JIT compiles this encoding's paths before it counts.
          measure(server, fleet, "warmup", opened, e.payload(), e.rate(), 1);
          Step s = measure(server, fleet, "encoding", opened, e.payload(), e.rate(), e.seconds());
          steps.add(s);
          log(s);
        }
      }
    }
  }

  private ServerProcess start(
      String name, List<String> command, File dir, String readyUrl, String heapUrl)
      throws Exception {
    log("starting " + name);
    return ServerProcess.start(
        name,
        command,
        dir,
        out.resolve("logs").resolve(name + ".log"),
        readyUrl,
        heapUrl,
        Duration.ofSeconds(180));
  }

  private static void npmInstall(Path dir) throws Exception {
    if (Files.isDirectory(dir.resolve("node_modules/socket.io"))) {
      return;
    }
    Process p =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(dir.toFile())
            .inheritIO()
            .start();
    if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("npm ci failed in " + dir);
    }
  }

  /** A short unmeasured run so the JIT has compiled the paths before anything counts. */
  private void warmUp(ServerProcess server, Target t) throws Exception {
    Tally tally = new Tally(origin);
    try (Fleet fleet = new Fleet(t, tally, plan.shortPollMillis())) {
      Fleet.Opened opened =
          opened(fleet.open(Math.min(200, plan.latencyClients() * 2), 120_000), t);
      for (int payload : plan.payloads()) {
        measure(server, fleet, "warmup", opened, payload, 50, plan.warmupSeconds());
      }
    }
  }

  private void latency(ServerProcess server, Target t) throws Exception {
    Tally tally = new Tally(origin);
    try (Fleet fleet = new Fleet(t, tally, plan.shortPollMillis())) {
      Fleet.Opened opened = opened(fleet.open(plan.latencyClients(), 120_000), t);
      steps.add(
          measure(server, fleet, "latency", opened, 64, plan.latencyRate(), plan.latencySeconds()));
      log(steps.get(steps.size() - 1));
    }
  }

  private void fanOut(ServerProcess server, Target t) throws Exception {
    boolean poll = t.kind() == Kind.LONG_POLL || t.kind() == Kind.SHORT_POLL;
    for (int n : poll ? plan.clients().subList(0, 1) : plan.clients()) {
      Fleet fleet = null;
      Fleet.Opened opened = null;
      try {
        for (int payload : plan.payloads()) {
          if (fleet == null || dropped(fleet) > 0) {
            if (fleet != null) {
              fleet.close();
            }
            fleet = new Fleet(t, new Tally(origin), plan.shortPollMillis());
            boolean first =
                setups.stream().noneMatch(x -> x.target().equals(t.name()) && x.clients() == n);
            boolean largest = first && n == plan.clients().get(plan.clients().size() - 1);
            // The collections before RSS is read: a full GC may give heap back to the OS, which
            // read in between would show as memory the connections freed.
            long heapBefore = first ? server.liveHeapBytes() : -1;
            if (largest) {
              server.histogram(histogram(t, n, "before"));
            }
            long rssBefore = server.rssBytes();
            opened = opened(fleet.open(n, 300_000), t);
            Thread.sleep(2000);
            long rssAfter = server.rssBytes();
            if (first) {
              long heapAfter = server.liveHeapBytes();
              if (largest) {
                server.histogram(histogram(t, n, "idle"));
              }
              int ready = Math.max(1, opened.ready());
              setups.add(
                  new Setup(
                      t.name(),
                      n,
                      opened.failed(),
                      opened.millis(),
                      opened.ready() * 1000.0 / Math.max(1, opened.millis()),
                      rssBefore,
                      rssAfter,
                      (rssAfter - rssBefore) / 1024.0 / ready,
                      heapBefore,
                      heapAfter,
                      heapBefore < 0 || heapAfter < 0
                          ? -1
                          : (heapAfter - heapBefore) / 1024.0 / ready));
              log(setups.get(setups.size() - 1));
            }
          }
          for (int deliveries : plan.ladder()) {
            double rate = Math.max(1, deliveries / (double) n);
            Step s = measure(server, fleet, "fanout", opened, payload, rate, plan.stepSeconds());
            steps.add(s);
            log(s);
            if (!s.pass()) {
              break;
            }
          }
        }
      } finally {
        if (fleet != null) {
          fleet.close();
        }
      }
    }
  }

  /**
   * Where the class histogram of {@code t}'s server goes, taken {@code when} ("before" the {@code
   * n} connections open, or with them "idle"): the difference is what the connections hold.
   */
  private Path histogram(Target t, int n, String when) {
    return out.resolve("logs").resolve(t.name() + "-" + n + "-histogram-" + when + ".txt");
  }

  /** Logs connections that did not set up; the step goes on with the ready ones. */
  private static Fleet.Opened opened(Fleet.Opened opened, Target t) {
    if (opened.failed() > 0) {
      log(
          t.name()
              + ": "
              + opened.failed()
              + "/"
              + opened.wanted()
              + " connections failed to set up or were not ready in time; going on with "
              + opened.ready());
    }
    return opened;
  }

  private static int dropped(Fleet fleet) throws Exception {
    return fleet.onLoop(() -> fleet.dropped);
  }

  private Step measure(
      ServerProcess server,
      Fleet fleet,
      String scenario,
      Fleet.Opened clients,
      int payload,
      double rate,
      double seconds)
      throws Exception {
    Tally tally = fleet.tally;
    int count = (int) Math.max(1, Math.round(rate * seconds));
    long base = nextSeq;
    nextSeq += count;
    long[] before =
        fleet.onLoop(
            () -> {
              tally.reset(base, count);
              return new long[] {fleet.bytesIn, fleet.bytesOut, fleet.dropped, fleet.httpErrors};
            });
    long cpu0 = server.cpuNanos();
    long self0 = selfCpuNanos();
    long wall0 = System.nanoTime();
    Publisher publisher = new Publisher(fleet.target, origin);
    long budget = (long) (seconds * 3e9) + 30_000_000_000L;
    int failures = publisher.run(base, count, rate, payload, wall0 + budget);
    long expected = (long) clients.ready() * count;
    long drainUntil = System.nanoTime() + plan.drainMillis() * 1_000_000L;
    while (System.nanoTime() < drainUntil && fleet.onLoop(tally::delivered) < expected) {
      Thread.sleep(20);
    }
    long wall = System.nanoTime() - wall0;
    long cpu = server.cpuNanos() - cpu0;
    long self = selfCpuNanos() - self0;
    Object[] r =
        fleet.onLoop(
            () ->
                new Object[] {
                  tally.delivered(),
                  tally.duplicates(),
                  tally.reordered(),
                  tally.histogram(),
                  fleet.bytesIn - before[0],
                  fleet.bytesOut - before[1],
                  (int) (fleet.dropped - before[2])
                });
    long delivered = (long) r[0];
    long dup = (long) r[1];
    long reordered = (long) r[2];
    Histogram h = (Histogram) r[3];
    long bytesIn = (long) r[4];
    long bytesOut = (long) r[5];
    int dropped = (int) r[6];
    long lost = expected - delivered;
    double d = Math.max(1, delivered);
    boolean clean = lost == 0 && dup == 0 && reordered == 0 && dropped == 0 && failures == 0;
    double p99 = h.getValueAtPercentile(99) / 1000.0;
    return new Step(
        fleet.target.name(),
        scenario,
        clients.wanted(),
        clients.failed(),
        payload,
        rate,
        expected,
        delivered,
        lost,
        dup,
        reordered,
        dropped,
        failures,
        delivered / (count / rate),
        h.getValueAtPercentile(50) / 1000.0,
        p99,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0,
        cpu / 1000.0 / d,
        cpu * 100.0 / wall,
        bytesIn / d,
        bytesOut / d,
        self * 100.0 / wall,
        clean,
        clean && p99 <= P99_LIMIT_MS && Plan.setUpTolerated(clients.failed(), clients.wanted()));
  }

  /**
   * Reconnect storm: all clients subscribed with messages flowing; every connection is cut at once,
   * each client reconnects at once and resumes from the last message id it had.
   */
  private void storm(ServerProcess server, Target t) throws Exception {
    // Implemented in Storms to keep this class small.
    long extended =
        Long.parseLong(
            args.getOrDefault("storm-drain", "").isBlank() ? "60000" : args.get("storm-drain"));
    Storm s = Storms.run(t, origin, plan, nextSeq, extended);
    nextSeq += 1_000_000;
    if (s != null) {
      storms.add(s);
      log(s);
    }
  }

  private static long selfCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Clients per process: the hard open-file limit less a margin for the JVM's own files. */
  private static int maxClients() {
    try {
      Process p = new ProcessBuilder("sh", "-c", "ulimit -Hn").start();
      String text = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return text.equals("unlimited") ? 10_000 : Math.min(10_000, Integer.parseInt(text) - 1_000);
    } catch (Exception e) {
      return 1_000;
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  static void log(Object line) {
    System.out.println("[bench " + java.time.LocalTime.now(java.time.ZoneOffset.UTC) + "] " + line);
  }
}
