package io.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that Herald's packages depend on each other only the way docs/architecture.md says
 * ("Dependencies point inwards"): reads every main source file's {@code import io.herald...} lines
 * and compares each package's dependencies with the allowed table below. A new dependency is a
 * design decision: change the table and the docs together.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/io/herald");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.herald\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

  /** Package → the other Herald packages it may import (a package may always import itself). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("hub", Set.of()),
          Map.entry("error", Set.of("hub")),
          Map.entry("security", Set.of("error", "hub")),
          Map.entry("limits", Set.of("error")),
          Map.entry("api", Set.of("hub")),
          // Herald's side of the API (what transports share) may use the public API; never back.
          Map.entry("api.internal", Set.of("api", "error", "hub", "security")),
          Map.entry("store.redis", Set.of("hub")),
          Map.entry("ops", Set.of("api", "error", "hub", "security")),
          // The stand-alone WAR's demo sits outside the library and reads its settings record from
          // config.
          Map.entry("demo", Set.of("api", "config", "hub")),
          Map.entry("web", Set.of()),
          Map.entry(
              "transport", Set.of("api", "error", "hub", "limits", "ops", "security", "transport")),
          Map.entry(
              "config",
              Set.of(
                  "hub",
                  "limits",
                  "ops",
                  "security",
                  "store.redis",
                  "transport",
                  "transport.sse",
                  "transport.ws")));

  @Test
  void packagesDependOnlyInwards() {
    Map<String, Set<String>> actual = dependencies();
    Map<String, Set<String>> violations = new TreeMap<>();
    actual.forEach(
        (pkg, deps) -> {
          Set<String> allowed = allowedFor(pkg);
          for (String dep : deps) {
            if (!dep.equals(pkg) && !allowed.contains(dep) && !allowed.contains(top(dep))) {
              violations.computeIfAbsent(pkg, p -> new TreeSet<>()).add(dep);
            }
          }
        });
    assertEquals(Map.of(), violations, "imports the table in ArchitectureTest does not allow");
  }

  @Test
  void everyPackageIsInTheTable() {
    for (String pkg : dependencies().keySet()) {
      assertTrue(
          ALLOWED.containsKey(pkg) || ALLOWED.containsKey(top(pkg)),
          pkg + " is not in ArchitectureTest's table: say what it may depend on");
    }
  }

  @Test
  void nothingButTheDemoDependsOnConfigAndNothingOnTheTransports() {
    dependencies()
        .forEach(
            (pkg, deps) -> {
              if (!top(pkg).equals("config") && !top(pkg).equals("demo")) {
                assertTrue(!deps.contains("config"), pkg + " imports config");
              }
              if (!top(pkg).equals("config") && !top(pkg).equals("transport")) {
                assertTrue(
                    deps.stream().noneMatch(d -> top(d).equals("transport")),
                    pkg + " imports a transport package: dependencies must point inwards");
              }
            });
  }

  private static Set<String> allowedFor(String pkg) {
    Set<String> exact = ALLOWED.get(pkg);
    return exact != null ? exact : ALLOWED.getOrDefault(top(pkg), Set.of());
  }

  /** The first segment, e.g. {@code transport} for {@code transport.ws}. */
  private static String top(String pkg) {
    int dot = pkg.indexOf('.');
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  /** Package (relative to io.herald) → the Herald packages its classes import. */
  private static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> result = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> deps = result.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          deps.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(result.keySet().containsAll(List.of("hub", "transport.ws")), "sources not found");
    return result;
  }
}
