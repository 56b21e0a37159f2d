package io.herald.ops;

import io.herald.api.Herald;
import io.herald.api.Published;
import io.herald.api.internal.ClientInput;
import io.herald.api.internal.PublishRequest;
import io.herald.error.Failure;
import io.herald.error.Problem;
import io.herald.hub.Hub;
import io.herald.hub.Names;
import io.herald.security.AccessDeniedException;
import io.herald.security.Caller;
import io.herald.security.SecurityFilter;
import io.herald.security.SecuritySettings;
import io.herald.security.Tickets;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin API behind the admin page, {@code /api/admin/...}: the live overview, closing a
 * connection, publishing a test message, and stopping or starting the hub. Every call first goes
 * through {@link AdminGuard} ({@link AdminGuard.Guarded}).
 *
 * <p>Request-scoped and thin; JAX-RS calls it.
 */
@Path("admin")
@AdminGuard.Guarded
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operators: needs the herald-admin role or X-Herald-Admin-Token")
@APIResponse(responseCode = "401", description = "Neither the admin role nor the admin token")
public class AdminResource {
  @Inject Overview overview;
  @Inject AdminFeed feed;
  @Inject Connections connections;
  @Inject Herald herald;
  @Inject Hub hub;
  @Inject Tickets tickets;
  @Inject SecuritySettings securitySettings;
  @Context HttpServletRequest request;

  /** The snapshot the page starts from; {@code feed} names the topic with live updates. */
  @GET
  @Path("overview")
  @Operation(summary = "Connections, topics, totals, rates and recent errors; names the feed topic")
  @APIResponse(responseCode = "200", description = "The snapshot")
  public String overview() {
    return overview.snapshot(feed.topic()).toString();
  }

  /**
   * A single-use ticket for the admin page's WebSocket: a caller in the admin role without topic
   * grants, so it may subscribe to the internal feed topic and to nothing else (docs/security.md).
   * It lasts as long as the admin's own credentials, or {@code herald.security.session-ttl} for the
   * admin token, which has no expiry of its own.
   */
  @POST
  @Path("ticket")
  @Operation(summary = "A single-use ticket to subscribe to the feed topic over /api/ws?ticket=")
  @APIResponse(responseCode = "200", description = "{\"ticket\"}")
  public String ticket() {
    Instant expires = Caller.of(SecurityFilter.caller(request)).expires();
    Caller feedReader =
        new Caller(
            "herald-admin-page",
            List.of(),
            List.of(),
            Set.of(Caller.ADMIN_ROLE),
            expires != null ? expires : Instant.now().plus(securitySettings.sessionTtl()));
    return json("ticket", tickets.issue(feedReader));
  }

  /** Closes one connection: 204, or 404 if it is not open. */
  @POST
  @Path("connections/{id}/close")
  @Operation(summary = "Closes one open connection")
  @APIResponse(responseCode = "204", description = "Closed")
  @APIResponse(responseCode = "404", description = "No such open connection")
  public Response close(@PathParam("id") long id) {
    if (!connections.close(id)) {
      return Problem.response(Failure.of("no-connection", 404, "no open connection " + id)).build();
    }
    return Response.noContent().build();
  }

  /** Publishes {@code {"topic","event"?,"data"}} as the application would: 201 {@code {"id"}}. */
  @POST
  @Path("publish")
  @Operation(summary = "Publishes a test message as the application would")
  @APIResponse(responseCode = "201", description = "Stored; the body holds its id")
  @APIResponse(responseCode = "400", description = "Bad topic, event or data")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
  public Response publish(String body) {
    PublishRequest r = ClientInput.publishRequest(ClientInput.parse(body));
    if (Names.internal(r.topic())) {
      throw new AccessDeniedException("topic '" + r.topic() + "' is reserved");
    }
    Published m = herald.publish(r.topic(), r.event(), r.data());
    return Response.status(Response.Status.CREATED).entity(json("id", m.id())).build();
  }

  /** Stops the hub (not ready; new work gets 503) and closes every connection so clients retry. */
  @POST
  @Path("hub/stop")
  @Operation(summary = "Stops the hub: readiness down, new work refused, connections closed")
  @APIResponse(responseCode = "204", description = "Stopped")
  public Response stop() {
    hub.stop();
    connections.closeAll(DisconnectReason.UNAVAILABLE);
    return Response.noContent().build();
  }

  /** Starts a stopped hub again. */
  @POST
  @Path("hub/start")
  @Operation(summary = "Starts a stopped hub again")
  @APIResponse(responseCode = "204", description = "Started")
  public Response start() {
    hub.start();
    return Response.noContent().build();
  }

  /** A one-member JSON object, as text. */
  private static String json(String name, String value) {
    return Json.createObjectBuilder().add(name, value).build().toString();
  }
}
