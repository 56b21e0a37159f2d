package io.herald.it.health;

import static io.herald.it.health.ConnectionHealthIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.OwnPayara;
import io.herald.testkit.WsClient;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown and redeploy on one running Payara Micro (hot redeploy: touching {@code
 * .reload} in the exploded application undeploys and deploys it again). WebSocket clients get close
 * 1001, SSE streams end and parked polls are answered, so all reconnect and resume at once. After
 * three redeploys with clients connected, the {@code herald-*} threads and the heap are back to
 * what one deployment uses.
 */
class RedeployIT {
  private static final long MIB = 1 << 20;
  private static final int REDEPLOYS = 3;

  @Test
  void redeploysLeakNoThreadOrHeap() throws Exception {
    try (OwnPayara server = PayaraServer.start(Map.of("herald.sse.retry-ms", "3000"))) {
      exercise(server);
      JsonObject base = server.diag(true);
      System.out.println("after first deployment: " + base);

      for (int round = 1; round <= REDEPLOYS; round++) {
        try (RawStreams raw = new RawStreams(server.port());
            WsClient ws = WsClient.open(server.base().resolve("api/ws"))) {
          ws.subscribe(null, "r");
          RawStreams.Stream sse = raw.open("127.0.0.1", "/api/sse?topic=r");
          RawStreams.Stream poll = raw.open("127.0.0.1", "/api/poll?topic=r&timeout=60");
          await("SSE subscribed", 10, () -> sse.subscribed);
          await(
              "poll parked",
              10,
              () -> {
                if (poll.ended) {
                  throw new AssertionError("poll answered early: " + poll.headers + poll.rest());
                }
                return server.diag(false).getInt("polls") == 1;
              });

          server.redeploy();
          await("WebSocket told to reconnect", 10, () -> ws.closeCode() != null);
          assertEquals(1001, ws.closeCode(), "WebSocket close code on undeploy");
          await("SSE stream ended", 10, () -> sse.ended);
          await("parked poll answered", 10, () -> poll.ended);
          assertTrue(poll.headers.startsWith("HTTP/1.1 200"), poll.headers);
          assertTrue(poll.rest().contains("\"messages\":[]"), poll.rest());
        }
        exercise(server);
      }

      JsonObject after = server.diag(true);
      System.out.println("after " + REDEPLOYS + " redeploys: " + after);
      if (base.getInt("threads") != after.getInt("threads")) {
        server.dumpThreads("payara-own-" + server.port() + "-threads.txt");
      }
      assertEquals(base.getInt("threads"), after.getInt("threads"), "herald-* threads");
      long grown = after.getJsonNumber("heap").longValue() - base.getJsonNumber("heap").longValue();
      System.out.printf("heap after %d redeploys: %+d MiB%n", REDEPLOYS, grown / MIB);
      assertTrue(grown < 40 * MIB, "heap grew by " + grown / MIB + " MiB over the redeploys");
    }
  }

  /** Publishes and delivers a little on every transport, so every pool has started its threads. */
  private static void exercise(OwnPayara server) throws Exception {
    try (WsClient ws = WsClient.open(server.base().resolve("api/ws"))) {
      ws.subscribe(null, "x");
      for (int i = 0; i < 20; i++) {
        String id = server.http().publish("x", Integer.toString(i));
        assertEquals(id, ws.next("message").getString("id"));
      }
    }
  }
}
