package io.herald.transport.rest;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Hub;
import io.herald.hub.JsonP;
import io.herald.hub.Names;
import io.herald.security.Caller;
import io.herald.security.SecurityFilter;
import io.herald.transport.PresenceAnswer;
import io.herald.transport.PresenceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.security.Principal;
import java.util.List;

/**
 * {@code GET /api/presence?topic=T}: who is subscribed to {@code T} now (on every instance, with a
 * shared presence board), for a caller allowed to subscribe to it, by Herald's policy and the
 * application's {@code ClientSubscribing} observers, as for the WebSocket {@code presence} frame:
 * {@code {"topic","count","members"?}}.
 *
 * <p>Application-scoped and stateless (the servlet request is a parameter, not a per-request bean
 * field); JAX-RS calls it on request threads.
 */
@Path("presence")
@ApplicationScoped
public class PresenceResource {
  @Inject Hub hub;
  @Inject SubscribeGate access;
  @Inject PresenceSettings settings;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String presence(@QueryParam("topic") String topic, @Context HttpServletRequest request) {
    String t = Names.topic(topic);
    Principal caller = SecurityFilter.caller(request);
    access.check(caller, List.of(t), "http", Reading.SUBSCRIBE);
    boolean named = settings.named(t, Caller.of(caller).subject());
    return PresenceAnswer.fields(JsonP.PROVIDER.createObjectBuilder(), hub.presence(t), named)
        .build()
        .toString();
  }
}
