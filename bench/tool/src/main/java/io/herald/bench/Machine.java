package io.herald.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Describes the machine a run is on: cores, CPU model, Java and Node versions.
 *
 * <p>Stateless and thread-safe.
 */
final class Machine {
  private Machine() {}

  static String describe() {
    return nproc()
        + " cores, "
        + cpuModel()
        + ", Java "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.name")
        + "), Node "
        + command("node", "--version")
        + ", "
        + command("uname", "-sr");
  }

  private static String nproc() {
    return command("nproc", "--all");
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "unknown CPU";
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return text;
    } catch (Exception e) {
      return "n/a";
    }
  }
}
