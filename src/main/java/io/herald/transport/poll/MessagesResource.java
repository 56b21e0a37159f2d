package io.herald.transport.poll;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Hub;
import io.herald.hub.Names;
import io.herald.hub.Page;
import io.herald.limits.Limits;
import io.herald.transport.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Short poll {@code GET /api/messages?topic=A&topic=B&since=C&limit=N}: answers at once with one
 * page of what is retained after {@code since} (at most {@code limit} messages and the byte cap;
 * {@code "more": true} and a cursor to continue from when cut). Without {@code since}: no messages
 * and the current cursor; with {@code since=earliest}: from the oldest retained.
 *
 * <p>Request-scoped; JAX-RS calls it.
 */
@Path("messages")
@RequestScoped
public class MessagesResource {
  @Inject Hub hub;
  @Inject SubscribeGate access;
  @Inject Limits limits;
  @Context SecurityContext security;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response messages(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit) {
    List<String> topics = Names.topics(topic);
    Page page = PageRequest.of(limits, limit, false);
    access.check(security.getUserPrincipal(), topics, "http", Reading.SUBSCRIBE);
    limits.checkTopics(topics.size());
    return Response.ok(PollBody.of(hub.read(topics, since, page))).cacheControl(noStore()).build();
  }

  static CacheControl noStore() {
    CacheControl cc = new CacheControl();
    cc.setNoStore(true);
    cc.setNoCache(true);
    return cc;
  }
}
