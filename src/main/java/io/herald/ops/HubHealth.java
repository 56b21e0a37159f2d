package io.herald.ops;

import io.herald.hub.Hub;
import io.herald.hub.StoreReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Herald's two health checks, independent of any health API: ready while the hub accepts work and
 * its store (Redis, when configured) is reachable and the heap has headroom ({@link HeapHeadroom}:
 * a server that cannot free memory should get no new clients); live while the application is
 * deployed and answering, which is all a restart could fix. {@link HealthResource} serves them at
 * {@code /api/health} on every server; {@link MpHealthChecks} hands the same checks to MicroProfile
 * Health where the server has it.
 *
 * <p>Application-scoped and thread-safe; the health endpoints call it on request threads.
 */
@ApplicationScoped
public class HubHealth {
  @Inject Hub hub;
  @Inject Connections connections;
  @Inject StoreReadiness store;
  @Inject OpsSettings settings;

  /** One check's outcome: its name, whether it is up, and data for the operator. */
  public record Check(String name, boolean up, Map<String, Object> data) {}

  /** The readiness check {@code herald-hub}. */
  public Check ready() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("hub", hub.isRunning() ? "running" : "stopped");
    data.put("store", store.isAvailable() ? "reachable" : "unreachable");
    HeapHeadroom heap = HeapHeadroom.ofJvm(settings.maxHeapUsed());
    boolean memory = heap.enough();
    data.put("heap", memory ? "ok" : "no headroom");
    data.put("heapUsedAfterGc", Math.round(heap.usedFraction() * 100) + "%");
    data.put("subscribers", (long) hub.subscriberCount());
    return new Check("herald-hub", hub.isRunning() && store.isAvailable() && memory, data);
  }

  /** The liveness check {@code herald}. */
  public Check live() {
    long n = 0;
    for (TransportKind t : TransportKind.values()) {
      n += connections.count(t);
    }
    return new Check("herald", true, Map.of("connections", n));
  }
}
