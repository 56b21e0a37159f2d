package io.herald.ops;

import io.herald.hub.Hub;
import io.herald.hub.StoreReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health checks for MicroProfile Health ({@code /health/live}, {@code /health/ready} on the server
 * root). Ready while the hub accepts work, its store (Redis, when configured) is reachable and the
 * heap has headroom ({@link HeapHeadroom}: a server that cannot free memory should get no new
 * clients); live while the application is deployed and answering, which is all a restart could fix.
 *
 * <p>Application-scoped; the health endpoint calls the checks on request threads.
 */
@ApplicationScoped
public class HubHealth {
  @Inject Hub hub;
  @Inject Connections connections;
  @Inject StoreReadiness store;
  @Inject OpsSettings settings;

  @Produces
  @Readiness
  HealthCheck ready() {
    HeapHeadroom heap = HeapHeadroom.ofJvm(settings.maxHeapUsed());
    return () -> {
      boolean memory = heap.enough();
      return HealthCheckResponse.named("herald-hub")
          .status(hub.isRunning() && store.isAvailable() && memory)
          .withData("hub", hub.isRunning() ? "running" : "stopped")
          .withData("store", store.isAvailable() ? "reachable" : "unreachable")
          .withData("heap", memory ? "ok" : "no headroom")
          .withData("heapUsedAfterGc", Math.round(heap.usedFraction() * 100) + "%")
          .withData("subscribers", hub.subscriberCount())
          .build();
    };
  }

  @Produces
  @Liveness
  HealthCheck live() {
    return () ->
        HealthCheckResponse.named("herald")
            .up()
            .withData("connections", totalConnections())
            .build();
  }

  private long totalConnections() {
    long n = 0;
    for (TransportKind t : TransportKind.values()) {
      n += connections.count(t);
    }
    return n;
  }
}
