package io.herald.transport.rest;

import io.herald.security.Caller;
import io.herald.security.SecurityFilter;
import io.herald.security.Tickets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/ticket}: trades the caller's bearer token or session for a single-use ticket
 * {@code {"ticket","expiresIn"}} to put in an EventSource or WebSocket URL as {@code ?ticket=}.
 * Anonymous callers get 401; a ticket cannot buy another (401 {@code ticket-not-accepted}, {@code
 * Authenticator}); past the caller's quota 429 {@code too-many-tickets} ({@link Tickets}).
 *
 * <p>Application-scoped and stateless (the servlet request is a parameter, not a per-request bean
 * field); JAX-RS calls it on request threads.
 */
@Path("ticket")
@ApplicationScoped
public class TicketResource {
  @Inject Tickets tickets;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response issue(@Context HttpServletRequest request) {
    Caller caller = Caller.of(SecurityFilter.caller(request));
    String ticket = tickets.issue(caller);
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(
            Json.createObjectBuilder()
                .add("ticket", ticket)
                .add("expiresIn", tickets.expiresIn(caller))
                .build()
                .toString())
        .cacheControl(noStore)
        .build();
  }
}
