package io.herald.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A scrape of the application's {@code /api/metrics} (Prometheus text format) for assertions: finds
 * a sample by metric name and labels. Immutable.
 */
public final class Prometheus {
  private final List<String[]> samples = new ArrayList<>();

  private Prometheus(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.add(new String[] {line.substring(0, space), line.substring(space + 1)});
    }
  }

  /** Scrapes the application metrics of the server behind {@code http}. */
  public static Prometheus scrape(Http http) {
    Http.Answer a = http.get("api/metrics");
    if (a.status() != 200) {
      throw new AssertionError("GET /api/metrics: " + a.status() + " " + a.body());
    }
    return new Prometheus(a.body());
  }

  /**
   * The value of the sample named {@code name} carrying all {@code labels} ({@code "k=v"} pairs),
   * or 0 if there is none (counters and gauges not yet touched).
   */
  public double value(String name, String... labels) {
    for (String[] s : samples) {
      String series = s[0];
      if (!(series.equals(name) || series.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        int eq = l.indexOf('=');
        String want = l.substring(0, eq) + "=\"" + l.substring(eq + 1) + "\"";
        all &= series.contains("{" + want) || series.contains("," + want);
      }
      if (all) {
        return Double.parseDouble(s[1]);
      }
    }
    return 0;
  }

  /** How many samples of {@code name} there are (one per label set). */
  public long count(String name) {
    return samples.stream().filter(s -> s[0].startsWith(name + "{")).count();
  }

  /** Whether any sample of {@code name} exists. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s[0].equals(name) || s[0].startsWith(name + "{"));
  }
}
