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
 * root). Ready while the hub accepts work and its store (Redis, when configured) is reachable; live
 * while the application is deployed and answering, which is all a restart could fix.
 *
 * <p>Application-scoped; the health endpoint calls the checks on request threads.
 */
@ApplicationScoped
public class HubHealth {
  @Inject Hub hub;
  @Inject Connections connections;
  @Inject StoreReadiness store;

  @Produces
  @Readiness
  HealthCheck ready() {
    return () ->
        HealthCheckResponse.named("herald-hub")
            .status(hub.isRunning() && store.isAvailable())
            .withData("hub", hub.isRunning() ? "running" : "stopped")
            .withData("store", store.isAvailable() ? "reachable" : "unreachable")
            .withData("subscribers", hub.subscriberCount())
            .build();
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
