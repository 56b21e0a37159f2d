package io.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The keys the code reads ({@link Setting}), the key tables of {@code docs/configuration.md} and
 * the files that set keys agree: same keys, same defaults, nothing set that the code does not read.
 */
class ConfigurationDocsTest {
  /** A table row: {@code | `key` | `default` or unset… | meaning |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `((?:herald|mp)\\.[^`]+)` \\| (?:`([^`]*)`|(unset)[^|]*) \\|");

  /** A row of any page whose first cell is one key and whose second starts with its default. */
  private static final Pattern ANY_ROW =
      Pattern.compile("^\\| `((?:herald|mp)\\.[^`]+)` \\| (?:`([^`]*)`|(?:unset|–))");

  private static final String UNSET = "unset";

  @Test
  void docsListEveryKeyTheCodeReadsWithTheSameDefault() throws IOException {
    Map<String, String> documented = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        String previous = documented.put(m.group(1), m.group(2) != null ? m.group(2) : UNSET);
        assertEquals(null, previous, m.group(1) + " is documented twice");
      }
    }
    assertEquals(code(), documented);
  }

  @Test
  void everyOtherPageThatGivesAKeyADefaultAgreesWithTheCode() throws IOException {
    Map<String, String> code = code();
    List<Path> pages;
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      pages = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
    int rows = 0;
    for (Path page : pages) {
      for (String line : Files.readAllLines(page)) {
        Matcher m = ANY_ROW.matcher(line);
        if (m.find()) {
          String where = page.getFileName() + ": " + m.group(1);
          assertTrue(code.containsKey(m.group(1)), where + " is not read by the code");
          assertEquals(code.get(m.group(1)), m.group(2) != null ? m.group(2) : UNSET, where);
          rows++;
        }
      }
    }
    assertTrue(rows > 40, "only " + rows + " rows found");
  }

  @Test
  void theWarPropertiesRepeatNoDefaultAndSetOnlyKnownKeys() throws IOException {
    Properties war = load("herald-ee/src/main/resources/META-INF/microprofile-config.properties");
    Map<String, String> code = code();
    for (String key : war.stringPropertyNames()) {
      assertTrue(code.containsKey(key), key + " is set but not read by the code");
      assertNotEquals(
          code.get(key),
          war.getProperty(key),
          key + " repeats its default; defaults live in io.herald.config.Setting");
    }
  }

  @Test
  void theDemoPropertiesSetOnlyKnownKeys() throws IOException {
    Set<String> set = load("server-config/demo.properties").stringPropertyNames();
    assertFalse(set.isEmpty());
    assertTrue(code().keySet().containsAll(set), set + " has keys the code does not read");
  }

  /** Every key the code reads and its default as the docs write it. */
  private static Map<String, String> code() {
    Map<String, String> keys = new TreeMap<>();
    for (Setting s : Setting.values()) {
      assertEquals(null, keys.put(s.key(), s.defaultValue().orElse(UNSET)), s.key() + " twice");
    }
    return keys;
  }

  private static Properties load(String file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(file))) {
      p.load(in);
    }
    return p;
  }
}
