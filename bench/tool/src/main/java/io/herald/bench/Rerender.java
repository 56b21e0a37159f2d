package io.herald.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites {@code results.md} and the charts from a run's {@code results.json} (after the report
 * format changes, without measuring again): {@code Bench --rerender=target/bench/results.json}.
 *
 * <p>Used by one thread.
 */
final class Rerender {
  private Rerender() {}

  static void from(Path json, String mode) throws Exception {
    JsonObject root =
        jakarta.json.Json.createReader(new StringReader(Files.readString(json))).readObject();
    List<Step> steps = read(root.getJsonArray("steps"), Step.class);
    List<Setup> setups = read(root.getJsonArray("setups"), Setup.class);
    List<Storm> storms = read(root.getJsonArray("storms"), Storm.class);
    List<Integer> clients =
        steps.stream()
            .filter(s -> s.scenario().equals("fanout"))
            .map(Step::clients)
            .distinct()
            .sorted()
            .toList();
    Plan plan = Plan.of(root.getString("mode", mode), 10_000, join(clients));
    Map<String, Target> targets = new HashMap<>();
    for (Target t : Targets.all(18200)) {
      targets.put(t.name(), t);
    }
    new Report(json.getParent(), plan, targets, steps, setups, storms).write();
  }

  private static String join(List<Integer> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  private static <R extends Record> List<R> read(JsonArray array, Class<R> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<R> constructor = type.getDeclaredConstructor(types);
    List<R> out = new ArrayList<>();
    for (JsonValue v : array) {
      JsonObject o = v.asJsonObject();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        JsonValue x = o.get(components[i].getName());
        Class<?> t = types[i];
        if (x == null && (t == int.class || t == long.class)) {
          // a figure added since that run: a count (setUpFailures) had nothing to count, a size
          // (heapBefore) was not measured
          Object none = t == int.class ? (Object) Integer.valueOf(0) : (Object) Long.valueOf(-1);
          values[i] = none;
        } else if (x == null && t == double.class) {
          values[i] = -1.0; // a figure that run did not measure (e.g. heap per connection)
        } else if (t == double.class) {
          values[i] = ((JsonNumber) x).doubleValue();
        } else if (t == long.class) {
          values[i] = ((JsonNumber) x).longValue();
        } else if (t == int.class) {
          values[i] = ((JsonNumber) x).intValue();
        } else if (t == boolean.class) {
          values[i] = x == JsonValue.TRUE;
        } else {
          values[i] = ((JsonString) x).getString();
        }
      }
      out.add(constructor.newInstance(values));
    }
    return out;
  }
}
