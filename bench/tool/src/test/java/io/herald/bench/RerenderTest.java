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
}
