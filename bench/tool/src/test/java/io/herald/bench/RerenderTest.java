package io.herald.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results written before a figure existed still re-render, the missing figure shown as none. */
class RerenderTest {
  @Test
  void setUpsWithoutHeapFiguresRenderWithoutThem(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("results.json");
    Files.writeString(
        json,
        """
        {"mode":"full","steps":[],"storms":[],"setups":[{"target":"herald-ws","clients":10000,\
        "millis":25658,"perSecond":389.7,"rssBefore":1150000000,"rssAfter":1590000000,\
        "kibPerConnection":43.0}]}
        """);

    Rerender.from(json, "full");

    String md = Files.readString(dir.resolve("results.md"));
    assertTrue(
        md.contains(
            "| Herald WebSocket | 10000 | 0 | 25658 | 390 | 1,097 | 1,516 | 43.0 | 1.00× | – | – | – | – |"),
        md);
  }

  @Test
  void stormsTellLostAtTheDrainFromStillMissingAfterTheExtendedOne(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("results.json");
    Files.writeString(
        json,
        """
        {"mode":"full","steps":[],"setups":[],"storms":[{"target":"herald-ws","clients":10000,\
        "setUpFailures":0,"millisTo99":22570,"millisTo100":23252,"expected":600000,"lost":1200,\
        "duplicates":0,"reordered":0,"publishFailures":0,"drops":53,"drainMillis":10000,\
        "lastArrivalMillis":36488,"extendedDrainMillis":60000,"missingAfterExtended":0},\
        {"target":"herald-ws","clients":10000,"millisTo99":1,"millisTo100":2,"expected":600000,\
        "lost":129057,"duplicates":0,"reordered":0}]}
        """);

    Rerender.from(json, "full");

    String md = Files.readString(dir.resolve("results.md"));
    assertTrue(
        md.contains(
            "| Herald WebSocket | 10000 | 0 | 22570 | 23252 | 600000 | 1200 | 0 | 0 | 0 | 53 |"
                + " 36488 | 0 (+60 s) |"),
        md);
    // A run from before the extended drain: its figures are not made up.
    assertTrue(
        md.contains(
            "| Herald WebSocket | 10000 | 0 | 1 | 2 | 600000 | 129057 | 0 | 0 | 0 | 0 | – | – |"),
        md);
  }
}
