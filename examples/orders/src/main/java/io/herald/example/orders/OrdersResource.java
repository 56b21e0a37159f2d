package io.herald.example.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The application's REST API under {@code /rest/orders}: place an order ({@code PUT
 * /rest/orders/{id}}, 201), place one that is refused and rolled back ({@code PUT
 * /rest/rejected-orders/{id}}, 409), list the stored ones. Request-scoped by JAX-RS; thread-safe.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
  @Inject private OrderService orders;

  /** The body of a placing request. */
  public record Placing(String item, int quantity) {}

  @PUT
  @Path("orders/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response place(@PathParam("id") String id, Placing p) {
    return Response.status(Response.Status.CREATED)
        .entity(orders.place(id, p.item(), p.quantity()))
        .build();
  }

  @PUT
  @Path("rejected-orders/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response placeThenReject(@PathParam("id") String id, Placing p) {
    try {
      orders.placeThenReject(id, p.item(), p.quantity());
      throw new IllegalStateException("placeThenReject returned");
    } catch (OrderRejectedException e) {
      return Response.status(Response.Status.CONFLICT)
          .entity(Json.createObjectBuilder().add("error", e.getMessage()).build())
          .build();
    }
  }

  @GET
  @Path("orders")
  public List<OrderView> list() {
    return orders.all();
  }
}
