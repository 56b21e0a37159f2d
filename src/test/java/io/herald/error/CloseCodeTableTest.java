package io.herald.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * herald.js's close-code table ({@code src/main/js/codes.js}) must list exactly the server's {@link
 * CloseCode}s, with the same numbers and reconnect flags: a code added on one side only fails here.
 */
class CloseCodeTableTest {
  private static final Pattern ENTRY =
      Pattern.compile("^\\s*([A-Z_]+): \\{ code: (\\d+), reconnect: (true|false) \\},?\\s*$");

  /** One row of either table. */
  private record Row(int code, boolean reconnect) {
    @Override
    public String toString() {
      return "{code " + code + ", reconnect " + reconnect + "}";
    }
  }

  static Path codesJs() {
    String base = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(base, "src", "main", "js", "codes.js");
  }

  /**
   * The entries of the {@code CLOSE_CODES} object, in file order; fails on a line it cannot read.
   */
  static Map<String, Row> jsTable(List<String> lines) {
    Map<String, Row> table = new LinkedHashMap<>();
    boolean inside = false;
    for (String line : lines) {
      if (line.contains("CLOSE_CODES = Object.freeze({")) {
        inside = true;
        continue;
      }
      if (!inside) {
        continue;
      }
      if (line.trim().equals("});")) {
        return table;
      }
      Matcher m = ENTRY.matcher(line);
      if (!m.matches()) {
        fail("codes.js: cannot read this CLOSE_CODES line: '" + line + "'");
      }
      Row previous =
          table.put(
              m.group(1), new Row(Integer.parseInt(m.group(2)), Boolean.parseBoolean(m.group(3))));
      if (previous != null) {
        fail("codes.js: " + m.group(1) + " is listed twice");
      }
    }
    fail("codes.js: no complete 'export const CLOSE_CODES = Object.freeze({ ... });' found");
    return table;
  }

  static Map<String, Row> javaTable() {
    Map<String, Row> table = new LinkedHashMap<>();
    for (CloseCode c : CloseCode.values()) {
      table.put(c.name(), new Row(c.code(), c.reconnect()));
    }
    return table;
  }

  /** Every difference between the two tables, in words; empty when they agree. */
  static List<String> differences(Map<String, Row> java, Map<String, Row> js) {
    List<String> out = new ArrayList<>();
    java.forEach(
        (name, row) -> {
          Row other = js.get(name);
          if (other == null) {
            out.add("CloseCode." + name + " " + row + " is missing from codes.js");
          } else if (!other.equals(row)) {
            out.add(name + ": CloseCode says " + row + ", codes.js says " + other);
          }
        });
    js.forEach(
        (name, row) -> {
          if (!java.containsKey(name)) {
            out.add("codes.js " + name + " " + row + " has no CloseCode");
          }
        });
    return out;
  }

  @Test
  void codesJsMirrorsCloseCodeExactly() throws IOException {
    Path file = codesJs();
    assertTrue(Files.isRegularFile(file), "no " + file.toAbsolutePath());
    Map<String, Row> js = jsTable(Files.readAllLines(file, StandardCharsets.UTF_8));
    List<String> differences = differences(javaTable(), js);
    assertEquals(
        List.of(),
        differences,
        "src/main/js/codes.js and io.herald.error.CloseCode must list the same close codes:\n  "
            + String.join("\n  ", differences));
    assertEquals(CloseCode.values().length, js.size());
  }

  @Test
  void aDifferenceInEitherDirectionIsNamed() {
    Map<String, Row> js = new LinkedHashMap<>(javaTable());
    js.remove("SLOW_CONSUMER");
    js.put("GOING_AWAY", new Row(1001, false));
    js.put("UNAUTHORIZED", new Row(4401, false));
    assertEquals(
        List.of(
            "GOING_AWAY: CloseCode says {code 1001, reconnect true}, codes.js says {code 1001,"
                + " reconnect false}",
            "CloseCode.SLOW_CONSUMER {code 4008, reconnect true} is missing from codes.js",
            "codes.js UNAUTHORIZED {code 4401, reconnect false} has no CloseCode"),
        differences(javaTable(), js));
  }

  @Test
  void theReaderTakesTheFileFormatAndRejectsOtherLines() {
    List<String> lines =
        List.of(
            "// comment",
            "export const CLOSE_CODES = Object.freeze({",
            "  NORMAL: { code: 1000, reconnect: false },",
            "  GOING_AWAY: { code: 1001, reconnect: true },",
            "});");
    assertEquals(
        Map.of("NORMAL", new Row(1000, false), "GOING_AWAY", new Row(1001, true)), jsTable(lines));
    org.junit.jupiter.api.Assertions.assertThrows(
        AssertionError.class,
        () ->
            jsTable(
                List.of(
                    "export const CLOSE_CODES = Object.freeze({",
                    "  NORMAL: { code: 1000, reconnect: 'no' },",
                    "});")));
  }
}
