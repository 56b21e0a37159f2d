package io.herald.transport.poll;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Hub;
import io.herald.hub.Names;
import io.herald.hub.Page;
import io.herald.limits.Limits;
import io.herald.security.Caller;
import io.herald.security.SecurityFilter;
import io.herald.transport.PageRequest;
import io.herald.transport.PresenceAnswer;
import io.herald.transport.PresenceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Short poll {@code GET /api/messages?topic=A&topic=B&since=C&limit=N}: answers at once with one
 * page of what is retained after {@code since} (at most {@code limit} messages and the byte cap;
 * {@code "more": true} and a cursor to continue from when cut). Without {@code since}: no messages
 * and the current cursor; with {@code since=earliest}: from the oldest retained. With {@code
 * presence=true} the answer also gives each topic's presence ({@link PollPresence}).
 *
 * <p>Application-scoped and stateless (the servlet request is a parameter, not a per-request bean
 * field); JAX-RS calls it on request threads.
 */
@Path("messages")
@ApplicationScoped
public class MessagesResource {
  @Inject Hub hub;
  @Inject SubscribeGate access;
  @Inject Limits limits;
  @Inject PresenceSettings presenceSettings;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response messages(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit,
      @QueryParam("presence") String presence,
      @Context HttpServletRequest request) {
    List<String> topics = Names.topics(topic);
    Page page = PageRequest.of(limits, limit, false);
    boolean withPresence = PresenceAnswer.flag(presence);
    access.check(SecurityFilter.caller(request), topics, "http", Reading.SUBSCRIBE);
    limits.checkTopics(topics.size());
    String body = PollBody.of(hub.read(topics, since, page));
    if (withPresence) {
      String subject = Caller.of(SecurityFilter.caller(request)).subject();
      body = new PollPresence(hub, topics, presenceSettings, subject).addTo(body);
    }
    return Response.ok(body).cacheControl(noStore()).build();
  }

  static CacheControl noStore() {
    CacheControl cc = new CacheControl();
    cc.setNoStore(true);
    cc.setNoCache(true);
    return cc;
  }
}
