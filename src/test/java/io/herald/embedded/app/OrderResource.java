package io.herald.embedded.app;

import io.herald.api.Herald;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code POST /rest/orders/{id}}: the embedding test application's own resource, which publishes
 * {@code orders/{id}} through the injected {@link Herald} and answers with the stored id.
 * Request-scoped; the container calls it.
 */
@Path("orders")
@RequestScoped
public class OrderResource {
  @Inject Herald herald;

  @POST
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public String placed(@PathParam("id") String id) {
    return Json.createObjectBuilder()
        .add("id", herald.publish("orders/" + id, Map.of("order", id)).id())
        .build()
        .toString();
  }
}
