package io.herald.it.app;

import io.herald.hub.Hub;
import io.herald.limits.Limits;
import io.herald.transport.Heartbeats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;

/**
 * Test-only: what leak tests measure. {@code GET /api/test/diag?gc=true} runs {@code System.gc()}
 * (a few times, so the figure settles) and answers the used heap, the live threads named {@code
 * herald-*}, attached subscribers, open streams, parked polls and beating connections.
 */
@Path("test/diag")
@RequestScoped
public class DiagnosticsResource {
  @Inject Hub hub;
  @Inject Limits limits;
  @Inject Heartbeats heartbeats;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String diag(@QueryParam("gc") boolean gc) throws InterruptedException {
    if (gc) {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(50);
      }
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("herald-"))
            .count();
    return Json.createObjectBuilder()
        .add("heap", heap)
        .add("threads", threads)
        .add("subscribers", hub.subscriberCount())
        .add("streams", limits.openStreams())
        .add("polls", limits.parkedPolls())
        .add("beating", heartbeats.size())
        .build()
        .toString();
  }
}
