package io.herald.transport.rest;

import io.herald.api.internal.ClientInput;
import io.herald.api.internal.ClientRequests;
import io.herald.hub.InvalidInputException;
import io.herald.hub.JsonP;
import io.herald.limits.Limits;
import io.herald.security.SecurityFilter;
import io.herald.transport.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api/request}: {@code {"topic","data","timeout"?}} → {@code 200 {"data"}}, the reply
 * an application observer of {@link io.herald.api.ClientRequest} gave, or a problem (the
 * application's failure 422, {@code request-timeout} 504, {@code no-responder} 501). The request
 * waits asynchronously, at most {@link ClientRequests#MAX_TIMEOUT_MS}.
 *
 * <p>Application-scoped and stateless (the servlet request is a parameter, not a per-request bean
 * field); JAX-RS calls it on request threads.
 */
@Path("request")
@ApplicationScoped
public class RequestResource {
  @Inject ClientRequests requests;
  @Inject Limits limits;

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
  @Produces(MediaType.APPLICATION_JSON)
  public void request(
      String body, @Context HttpServletRequest request, @Suspended AsyncResponse answer) {
    if (!(ClientInput.parse(body) instanceof JsonObject json)) {
      throw new InvalidInputException("bad-request", "the body must be a JSON object");
    }
    String topic = ClientInput.string(json, "topic", false);
    long timeout = ClientRequests.timeout(json.get("timeout"));
    limits.checkHttpRate(ClientAddress.of(request));
    requests
        .request(SecurityFilter.caller(request), topic, json.get("data"), timeout, "http")
        .whenComplete(
            (reply, failure) -> {
              if (failure == null) {
                answer.resume(
                    Response.ok(
                            JsonP.PROVIDER
                                .createObjectBuilder()
                                .add("data", reply)
                                .build()
                                .toString())
                        .type(MediaType.APPLICATION_JSON)
                        .build());
              } else {
                answer.resume(failure instanceof CompletionException c ? c.getCause() : failure);
              }
            });
  }
}
