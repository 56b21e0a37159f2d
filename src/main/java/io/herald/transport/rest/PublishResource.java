package io.herald.transport.rest;

import io.herald.api.internal.ClientInput;
import io.herald.api.internal.ClientPublisher;
import io.herald.api.internal.PublishRequest;
import io.herald.hub.JsonP;
import io.herald.hub.Message;
import io.herald.limits.Limits;
import io.herald.security.SecurityFilter;
import io.herald.transport.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code POST /api/publish}: one message {@code {"topic","event"?,"data"}} → {@code 201 {"id"}}, or
 * an array published atomically → {@code 201 {"ids":[...]}}.
 *
 * <p>Application-scoped and stateless (the servlet request is a parameter, not a per-request bean
 * field); JAX-RS calls it on request threads.
 */
@Path("publish")
@ApplicationScoped
public class PublishResource {
  /** Most messages in one batch. */
  static final int MAX_BATCH = 1000;

  @Inject ClientPublisher publisher;
  @Inject Limits limits;

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
  @Produces(MediaType.APPLICATION_JSON)
  public Response publish(String body, @Context HttpServletRequest request) {
    JsonValue json = ClientInput.parse(body);
    List<PublishRequest> requests = ClientInput.publishRequests(json, MAX_BATCH);
    limits.checkHttpRate(ClientAddress.of(request));
    List<Message> stored = publisher.publish(SecurityFilter.caller(request), requests, "http");
    String answer;
    if (json.getValueType() == JsonValue.ValueType.ARRAY) {
      JsonArrayBuilder ids = JsonP.PROVIDER.createArrayBuilder();
      stored.forEach(m -> ids.add(m.id().toString()));
      answer = JsonP.PROVIDER.createObjectBuilder().add("ids", ids).build().toString();
    } else {
      answer =
          JsonP.PROVIDER
              .createObjectBuilder()
              .add("id", stored.get(0).id().toString())
              .build()
              .toString();
    }
    return Response.status(Response.Status.CREATED).entity(answer).build();
  }
}
