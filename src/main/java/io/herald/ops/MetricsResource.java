package io.herald.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /api/metrics}: Herald's series as Prometheus text, served by the application itself so
 * they are at the same place on every server (docs/operations.md). Open like the servers' own
 * metrics endpoints; no topic names beyond the bounded top-N set.
 *
 * <p>Application-scoped and stateless; JAX-RS calls it on request threads.
 */
@ApplicationScoped
@Path("metrics")
public class MetricsResource {
  @Inject HeraldMetrics metrics;

  @GET
  public Response scrape() {
    StreamingOutput body = metrics::writeText;
    return Response.ok(body).type(metrics.textContentType()).build();
  }
}
