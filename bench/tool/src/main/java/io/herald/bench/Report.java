package io.herald.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes a run's results: {@code results.json} (every step), {@code results.md} (tables with each
 * figure's ratio to Herald) and PNG charts. Rewritten after each target so a stopped run keeps what
 * it measured.
 *
 * <p>Used by the orchestrator thread only.
 */
final class Report {
  /** Order of targets in tables and charts. */
  static final List<String> ORDER =
      List.of(
          "herald-ws",
          "herald-ws-deflate",
          "herald-ws-binary",
          "plain-ws",
          "socketio",
          "nio-ceiling",
          "herald-sse",
          "plain-sse",
          "herald-longpoll",
          "herald-shortpoll");

  private final Path out;
  private final Plan plan;
  private final Map<String, Target> targets;
  private final List<Step> steps;
  private final List<Setup> setups;
  private final List<Storm> storms;

  Report(
      Path out,
      Plan plan,
      Map<String, Target> targets,
      List<Step> steps,
      List<Setup> setups,
      List<Storm> storms) {
    this.out = out;
    this.plan = plan;
    this.targets = targets;
    this.steps = steps;
    this.setups = setups;
    this.storms = storms;
  }

  void write() throws IOException {
    Files.writeString(out.resolve("results.json"), json());
    Files.writeString(out.resolve("results.md"), markdown());
    try {
      charts();
    } catch (RuntimeException e) {
      Bench.log("charts not drawn: " + e);
    }
  }

  // ---- JSON

  private String json() {
    JsonObjectBuilder root =
        Json.createObjectBuilder()
            .add("mode", plan.mode())
            .add("time", Instant.now().toString())
            .add("machine", Machine.describe());
    root.add("steps", array(steps));
    root.add("setups", array(setups));
    root.add("storms", array(storms));
    return root.build().toString();
  }

  private static JsonArrayBuilder array(List<? extends Record> records) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (Record r : records) {
      JsonObjectBuilder o = Json.createObjectBuilder();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          Object v = c.getAccessor().invoke(r);
          if (v instanceof Number n && (v instanceof Double || v instanceof Float)) {
            double d = n.doubleValue();
            o.add(c.getName(), Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : -1);
          } else if (v instanceof Number n) {
            o.add(c.getName(), n.longValue());
          } else if (v instanceof Boolean b) {
            o.add(c.getName(), b);
          } else {
            o.add(c.getName(), String.valueOf(v));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      a.add(o);
    }
    return a;
  }

  // ---- Markdown

  private String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Herald benchmark results (").append(plan.mode()).append(")\n\n");
    md.append("Machine: ").append(Machine.describe()).append("  \n");
    md.append("Run: ").append(Instant.now()).append(". Server pinned to core 0, load generator ");
    md.append("to core 1. Ratios are to Herald over the same transport (Herald's own rows: to ");
    md.append("Herald WebSocket).\n\n");

    md.append("## Fan-out: highest sustained deliveries/s (0 loss, p99 ≤ 250 ms)\n\n");
    md.append(
        "| target | clients | payload | deliveries/s | × Herald | p99 ms at it | server CPU µs/delivery |");
    md.append(" first failing step |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (int n : plan.clients()) {
      for (int payload : plan.payloads()) {
        for (String t : ORDER) {
          List<Step> ladder = ladder(t, n, payload);
          if (ladder.isEmpty()) {
            continue;
          }
          Optional<Step> best = best(t, n, payload);
          Optional<Step> fail = ladder.stream().filter(s -> !s.pass()).findFirst();
          double ref = best(reference(t), n, payload).map(Step::deliveriesPerSec).orElse(0.0);
          md.append(
              row(
                  label(t),
                  n,
                  payload,
                  best.map(s -> fmt(s.deliveriesPerSec(), 0)).orElse("< " + plan.ladder().get(0)),
                  best.map(s -> ratio(s.deliveriesPerSec(), ref)).orElse("–"),
                  best.map(s -> fmt(s.p99Ms(), 1)).orElse("–"),
                  best.map(s -> fmt(s.cpuMicrosPerDelivery(), 2)).orElse("–"),
                  fail.map(Report::why).orElse("none failed")));
        }
      }
    }

    md.append("\n## Same load for every target: the first step, ")
        .append(plan.ladder().get(0))
        .append(" deliveries/s\n\n");
    md.append(
        "| target | clients | payload | p50 ms | p99 ms | p99 × Herald | server CPU µs/delivery |");
    md.append(
        " CPU × Herald | server CPU % | clean |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (int n : plan.clients()) {
      for (int payload : plan.payloads()) {
        for (String t : ORDER) {
          Optional<Step> first = ladder(t, n, payload).stream().findFirst();
          Optional<Step> ref = ladder(reference(t), n, payload).stream().findFirst();
          first.ifPresent(
              s ->
                  md.append(
                      row(
                          label(t),
                          n,
                          payload,
                          fmt(s.p50Ms(), 1),
                          fmt(s.p99Ms(), 1),
                          ratio(s.p99Ms(), ref.map(Step::p99Ms).orElse(0.0)),
                          fmt(s.cpuMicrosPerDelivery(), 1),
                          ratio(
                              s.cpuMicrosPerDelivery(),
                              ref.map(Step::cpuMicrosPerDelivery).orElse(0.0)),
                          fmt(s.serverCpuPercent(), 0),
                          clean(s))));
        }
      }
    }

    md.append("\n## Latency at light load (")
        .append(plan.latencyClients())
        .append(" subscribers, ")
        .append(fmt(plan.latencyRate(), 0))
        .append(" msg/s, 64 B), from scheduled send time\n\n");
    md.append(
        "| target | transport | p50 ms | p99 ms | p99.9 ms | max ms | p99 × Herald | clean |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
    for (String t : ORDER) {
      for (Step s : select(t, "latency")) {
        double ref =
            select(reference(t), "latency").stream().mapToDouble(Step::p99Ms).findFirst().orElse(0);
        md.append(
            row(
                label(t),
                targets.get(t).kind().transport,
                fmt(s.p50Ms(), 2),
                fmt(s.p99Ms(), 2),
                fmt(s.p999Ms(), 2),
                fmt(s.maxMs(), 1),
                ratio(s.p99Ms(), ref),
                clean(s)));
      }
    }

    md.append("\n## What each transport costs for the same workload\n\n");
    int n = plan.clients().get(0);
    int rate = plan.ladder().get(0) / n;
    md.append("Herald, ").append(n).append(" subscribers, ").append(rate);
    md.append(" msg/s (").append(plan.ladder().get(0)).append(" deliveries/s), 64 B payload. ");
    md.append(
        "Bytes are application bytes read by clients (HTTP/WebSocket framing included, TCP/IP ");
    md.append("not) plus bytes they sent, per delivered message.\n\n");
    md.append(
        "| transport | server CPU µs/delivery | bytes in/delivery | bytes out/delivery | p50 ms |");
    md.append(" p99 ms | clean |\n|---|---:|---:|---:|---:|---:|---|\n");
    for (String t : List.of("herald-shortpoll", "herald-longpoll", "herald-sse", "herald-ws")) {
      ladder(t, n, 64).stream()
          .findFirst()
          .ifPresent(
              s ->
                  md.append(
                      row(
                          targets.get(t).kind().transport,
                          fmt(s.cpuMicrosPerDelivery(), 2),
                          fmt(s.bytesPerDelivery(), 1),
                          fmt(s.bytesSentPerDelivery(), 1),
                          fmt(s.p50Ms(), 2),
                          fmt(s.p99Ms(), 2),
                          clean(s))));
    }

    encodings(md);

    md.append("\n## Connections: set-up rate and idle memory\n\n");
    md.append(
        "Set-up failures: connections that failed to set up or were not subscribed in time; ");
    md.append("each step ran with the others (more than 1% fail the smoke).\n\n");
    md.append(
        "| target | clients | set-up failures | set-up ms | connections/s | server RSS before MiB |");
    md.append(" after MiB | RSS KiB/connection | × Herald | live heap before MiB | after MiB |");
    md.append(" heap KiB/connection | × Herald |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Setup s : sorted(setups, Setup::target)) {
      Optional<Setup> ref =
          setups.stream()
              .filter(x -> x.target().equals(reference(s.target())) && x.clients() == s.clients())
              .findFirst();
      boolean heap = s.heapKibPerConnection() >= 0;
      md.append(
          row(
              label(s.target()),
              s.clients(),
              s.setUpFailures(),
              s.millis(),
              fmt(s.perSecond(), 0),
              fmt(s.rssBefore() / 1048576.0, 0),
              fmt(s.rssAfter() / 1048576.0, 0),
              fmt(s.kibPerConnection(), 1),
              ratio(s.kibPerConnection(), ref.map(Setup::kibPerConnection).orElse(0.0)),
              heap ? fmt(s.heapBefore() / 1048576.0, 0) : "–",
              heap ? fmt(s.heapAfter() / 1048576.0, 0) : "–",
              heap ? fmt(s.heapKibPerConnection(), 1) : "–",
              heap
                  ? ratio(
                      s.heapKibPerConnection(), ref.map(Setup::heapKibPerConnection).orElse(0.0))
                  : "–"));
    }
    md.append(
        "\nLive heap: heap in use after a full collection (`jcmd GC.run` + `GC.heap_info`; "
            + "socket.io: V8 `heapUsed` after `global.gc()`) with the connections idle, minus the "
            + "same before they opened.\n");

    if (!storms.isEmpty()) {
      md.append("\n## Reconnect storm\n\n| target | clients | set-up failures | to 99% ms |");
      md.append(
          " to 100% ms | expected | lost (missing at end of drain) | duplicates | reordered |");
      md.append(" publish failures | drops | last arrival ms after the cut |");
      md.append(" still missing after the extended drain |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Storm s : storms) {
        md.append(
            row(
                label(s.target()),
                s.clients(),
                s.setUpFailures(),
                s.millisTo99(),
                s.millisTo100(),
                s.expected(),
                s.lost(),
                s.duplicates(),
                s.reordered(),
                s.publishFailures(),
                s.drops(),
                measured(s.lastArrivalMillis()),
                s.extendedDrainMillis() < 0
                    ? "–"
                    : s.missingAfterExtended() + " (+" + s.extendedDrainMillis() / 1000 + " s)"));
      }
      md.append(
          "\nLost: missing when the drain ("
              + plan.drainMillis() / 1000
              + " s after the last publish and the last resubscription) ended, as every step "
              + "counts it. The storm then waits up to the extended drain more: what arrives "
              + "then was late, what is still missing was never delivered. Drops: connections "
              + "the server closed after resubscribing (they resume again).\n");
    }

    md.append("\n## Every step\n\n| target | scenario | clients | set-up failures | payload |");
    md.append(
        " msg/s | expected | lost | dup | reord | dropped | deliveries/s | p50 | p99 | p99.9 |");
    md.append(" max ms | CPU µs/del | server CPU % | loadgen CPU % | pass |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    md.append("---:|---:|---:|---|\n");
    for (Step s : sorted(steps, Step::target)) {
      md.append(
          row(
              s.target(),
              s.scenario(),
              s.clients(),
              s.setUpFailures(),
              s.payload(),
              fmt(s.rate(), 1),
              s.expected(),
              s.lost(),
              s.duplicates(),
              s.reordered(),
              s.dropped(),
              fmt(s.deliveriesPerSec(), 0),
              fmt(s.p50Ms(), 2),
              fmt(s.p99Ms(), 2),
              fmt(s.p999Ms(), 2),
              fmt(s.maxMs(), 1),
              fmt(s.cpuMicrosPerDelivery(), 2),
              fmt(s.serverCpuPercent(), 0),
              fmt(s.loadgenCpuPercent(), 0),
              s.pass() ? "yes" : "no"));
    }
    md.append("\nCharts: `fanout.png`, `latency.png`, `cost.png`.\n");
    return md.toString();
  }

  /** Encoding cost: JSON, JSON with permessage-deflate and binary frames, as ratios to JSON. */
  private void encodings(StringBuilder md) {
    List<String> names = List.of("herald-ws", "herald-ws-deflate", "herald-ws-binary");
    if (select(names.get(0), "encoding").isEmpty()) {
      return;
    }
    Step any = select(names.get(0), "encoding").get(0);
    md.append(
        "\n## Encoding cost: Herald WebSocket, JSON vs permessage-deflate vs binary frames\n\n");
    md.append(any.clients()).append(" subscribers, ").append(fmt(any.rate(), 0));
    md.append(" msg/s, ").append(any.payload()).append(" B data (its padding is repetitive, so ");
    md.append("deflate compresses it far better than typical JSON); median of ");
    md.append(select(names.get(0), "encoding").size());
    md.append(" interleaved rounds. CPU includes the publish requests (a binary publish carries ");
    md.append("the data as base64).\n\n");
    md.append(
        "| encoding | server CPU µs/delivery | × JSON | bytes in/delivery | × JSON | p99 ms |");
    md.append(" rounds (µs/delivery) | clean |\n|---|---:|---:|---:|---:|---:|---|---|\n");
    double cpuRef = median(select(names.get(0), "encoding"), Step::cpuMicrosPerDelivery);
    double bytesRef = median(select(names.get(0), "encoding"), Step::bytesPerDelivery);
    for (String t : names) {
      List<Step> rounds = select(t, "encoding");
      if (rounds.isEmpty()) {
        continue;
      }
      double cpu = median(rounds, Step::cpuMicrosPerDelivery);
      double bytes = median(rounds, Step::bytesPerDelivery);
      md.append(
          row(
              targets.get(t) == null ? t : targets.get(t).encoding().label,
              fmt(cpu, 2),
              ratio(cpu, cpuRef),
              fmt(bytes, 1),
              ratio(bytes, bytesRef),
              fmt(median(rounds, Step::p99Ms), 2),
              rounds.stream()
                  .map(s -> fmt(s.cpuMicrosPerDelivery(), 2))
                  .collect(Collectors.joining(", ")),
              rounds.stream().allMatch(Step::clean) ? "yes" : "NO"));
    }
  }

  private static double median(List<Step> steps, java.util.function.ToDoubleFunction<Step> figure) {
    double[] v = steps.stream().mapToDouble(figure).sorted().toArray();
    return v.length == 0
        ? 0
        : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String why(Step s) {
    List<String> r = new ArrayList<>();
    if (s.lost() > 0) {
      r.add(s.lost() + " lost");
    }
    if (s.duplicates() > 0) {
      r.add(s.duplicates() + " dup");
    }
    if (s.reordered() > 0) {
      r.add(s.reordered() + " reordered");
    }
    if (s.dropped() > 0) {
      r.add(s.dropped() + " dropped");
    }
    if (s.publishFailures() > 0) {
      r.add(s.publishFailures() + " publish failures");
    }
    if (s.setUpFailures() > 0) {
      r.add(s.setUpFailures() + " set-up failures");
    }
    if (s.p99Ms() > Bench.P99_LIMIT_MS) {
      r.add("p99 " + fmt(s.p99Ms(), 0) + " ms");
    }
    return fmt(s.rate() * s.clients(), 0) + "/s: " + String.join(", ", r);
  }

  private static String clean(Step s) {
    return s.clean() ? "yes" : "NO: " + why(s);
  }

  // ---- Charts

  private void charts() throws IOException {
    List<String> present = ORDER.stream().filter(targets::containsKey).toList();
    CategoryChart fan =
        new CategoryChartBuilder()
            .width(1100)
            .height(600)
            .title("Fan-out: highest sustained deliveries/s (0 loss, p99 ≤ 250 ms)")
            .yAxisTitle("deliveries/s")
            .build();
    style(fan);
    List<String> cats = new ArrayList<>();
    for (int n : plan.clients()) {
      for (int p : plan.payloads()) {
        cats.add(n + " subs, " + p + " B");
      }
    }
    boolean drawn = false;
    for (String t : present) {
      List<Double> ys = new ArrayList<>();
      boolean any = false;
      for (int n : plan.clients()) {
        for (int p : plan.payloads()) {
          double v = best(t, n, p).map(Step::deliveriesPerSec).orElse(0.0);
          any |= !ladder(t, n, p).isEmpty();
          ys.add(v);
        }
      }
      if (any) {
        fan.addSeries(label(t), cats, ys);
        drawn = true;
      }
    }
    if (drawn) {
      // A run with no fan-out step (say, the encoding scenario only) has no chart to draw.
      save(fan, "fanout");
    }

    CategoryChart lat =
        new CategoryChartBuilder()
            .width(1100)
            .height(600)
            .title("Publish → receive latency at light load (ms)")
            .yAxisTitle("ms")
            .build();
    style(lat);
    List<String> names = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> p999 = new ArrayList<>();
    for (String t : present) {
      for (Step s : select(t, "latency")) {
        names.add(label(t));
        p50.add(s.p50Ms());
        p99.add(s.p99Ms());
        p999.add(s.p999Ms());
      }
    }
    if (!names.isEmpty()) {
      lat.addSeries("p50", names, p50);
      lat.addSeries("p99", names, p99);
      lat.addSeries("p99.9", names, p999);
      lat.getStyler().setXAxisLabelRotation(20);
      save(lat, "latency");
    }

    CategoryChart cost =
        new CategoryChartBuilder()
            .width(900)
            .height(500)
            .title("Server CPU per delivered message, same workload (µs)")
            .yAxisTitle("µs per delivery")
            .build();
    style(cost);
    List<String> tn = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    int n = plan.clients().get(0);
    for (String t : present) {
      ladder(t, n, 64).stream()
          .findFirst()
          .ifPresent(
              s -> {
                tn.add(label(t));
                cpu.add(s.cpuMicrosPerDelivery());
              });
    }
    if (!tn.isEmpty()) {
      cost.addSeries("CPU µs/delivery at " + plan.ladder().get(0) + " deliveries/s", tn, cpu);
      cost.getStyler().setXAxisLabelRotation(20);
      save(cost, "cost");
    }
  }

  private static void style(CategoryChart c) {
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
  }

  private void save(CategoryChart c, String name) throws IOException {
    BitmapEncoder.saveBitmap(c, out.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  // ---- helpers

  private List<Step> ladder(String t, int n, int payload) {
    return steps.stream()
        .filter(
            s ->
                s.target().equals(t)
                    && s.scenario().equals("fanout")
                    && s.clients() == n
                    && s.payload() == payload)
        .toList();
  }

  private Optional<Step> best(String t, int n, int payload) {
    return ladder(t, n, payload).stream()
        .filter(Step::pass)
        .max(Comparator.comparingDouble(Step::deliveriesPerSec));
  }

  private List<Step> select(String t, String scenario) {
    return steps.stream()
        .filter(s -> s.target().equals(t) && s.scenario().equals(scenario))
        .toList();
  }

  private String label(String t) {
    Target target = targets.get(t);
    return target == null ? t : target.label();
  }

  /** The Herald target a figure is compared with. */
  private String reference(String t) {
    Target target = targets.get(t);
    if (target == null || t.startsWith("herald-")) {
      return "herald-ws";
    }
    return target.kind() == Kind.SSE ? "herald-sse" : "herald-ws";
  }

  private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key) {
    return items.stream()
        .sorted(Comparator.comparingInt(x -> ORDER.indexOf(key.apply(x))))
        .collect(Collectors.toList());
  }

  private static String ratio(double v, double ref) {
    return ref > 0 ? fmt(v / ref, 2) + "×" : "–";
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /** A figure, or a dash for one the run did not measure (negative). */
  private static String measured(long value) {
    return value < 0 ? "–" : String.valueOf(value);
  }

  private static String row(Object... cells) {
    StringBuilder b = new StringBuilder("|");
    for (Object c : cells) {
      b.append(' ').append(c).append(" |");
    }
    return b.append('\n').toString();
  }
}
