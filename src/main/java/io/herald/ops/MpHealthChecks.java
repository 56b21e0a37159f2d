package io.herald.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Hands {@link HubHealth}'s checks to MicroProfile Health where the server has it (Payara, WildFly,
 * TomEE, Liberty: the server's own {@code /health} endpoints). {@code beans.xml} leaves this class
 * out of bean discovery when the MicroProfile Health API is absent (GlassFish), so deployment never
 * depends on it.
 *
 * <p>Application-scoped; the health endpoint calls the checks on request threads.
 */
@ApplicationScoped
public class MpHealthChecks {
  @Inject HubHealth health;

  @Produces
  @Readiness
  HealthCheck ready() {
    return () -> response(health.ready());
  }

  @Produces
  @Liveness
  HealthCheck live() {
    return () -> response(health.live());
  }

  private static HealthCheckResponse response(HubHealth.Check check) {
    HealthCheckResponseBuilder b = HealthCheckResponse.named(check.name()).status(check.up());
    for (Map.Entry<String, Object> e : check.data().entrySet()) {
      if (e.getValue() instanceof Long n) {
        b.withData(e.getKey(), n);
      } else {
        b.withData(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    return b.build();
  }
}
