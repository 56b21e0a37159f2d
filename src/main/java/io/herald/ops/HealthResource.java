package io.herald.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health}, {@code /api/health/live} and {@code /api/health/ready}: {@link
 * HubHealth}'s checks in MicroProfile Health's JSON shape ({@code status}, {@code checks[]} with
 * {@code name}, {@code status}, {@code data}), 200 when all are up, 503 otherwise. Served by the
 * application so probes find it at the same place on every server.
 *
 * <p>Application-scoped and stateless; JAX-RS calls it on request threads.
 */
@ApplicationScoped
@Path("health")
public class HealthResource {
  @Inject HubHealth health;

  @GET
  public Response all() {
    return answer(List.of(health.live(), health.ready()));
  }

  @GET
  @Path("live")
  public Response live() {
    return answer(List.of(health.live()));
  }

  @GET
  @Path("ready")
  public Response ready() {
    return answer(List.of(health.ready()));
  }

  private static Response answer(List<HubHealth.Check> checks) {
    boolean up = checks.stream().allMatch(HubHealth.Check::up);
    return Response.status(up ? 200 : 503)
        .type(MediaType.APPLICATION_JSON)
        .entity(body(checks))
        .build();
  }

  /** The JSON body for {@code checks}, in MicroProfile Health's shape. */
  static String body(List<HubHealth.Check> checks) {
    boolean up = checks.stream().allMatch(HubHealth.Check::up);
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (HubHealth.Check c : checks) {
      JsonObjectBuilder data = Json.createObjectBuilder();
      for (Map.Entry<String, Object> e : c.data().entrySet()) {
        if (e.getValue() instanceof Long n) {
          data.add(e.getKey(), n);
        } else {
          data.add(e.getKey(), String.valueOf(e.getValue()));
        }
      }
      list.add(
          Json.createObjectBuilder()
              .add("name", c.name())
              .add("status", c.up() ? "UP" : "DOWN")
              .add("data", data));
    }
    return Json.createObjectBuilder()
        .add("status", up ? "UP" : "DOWN")
        .add("checks", list)
        .build()
        .toString();
  }
}
