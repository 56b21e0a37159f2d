package io.herald.transport.poll;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Names;
import io.herald.hub.Page;
import io.herald.hub.ReadResult;
import io.herald.limits.Limits;
import io.herald.security.SecurityFilter;
import io.herald.transport.HistoryAnswer;
import io.herald.transport.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Paged history {@code GET /api/history?topic=T&since=C&limit=N&reverse=true|false}: one page of
 * what is retained, oldest first or ({@code reverse=true}) newest first, as {@code
 * {"messages":[...],"next":"<cursor>"|null,"gap":[...]}}. Without {@code since} the page starts at
 * the oldest retained message (the newest, reversed); {@code since=next} continues in the same
 * direction. Guarded like a subscription; bounded like a poll.
 *
 * <p>Application-scoped and stateless (the servlet request is a parameter, not a per-request bean
 * field); JAX-RS calls it on request threads.
 */
@Path("history")
@ApplicationScoped
public class HistoryResource {
  @Inject Hub hub;
  @Inject SubscribeGate access;
  @Inject Limits limits;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response history(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @QueryParam("limit") String limit,
      @QueryParam("reverse") String reverse,
      @Context HttpServletRequest request) {
    List<String> topics = Names.topics(topic);
    Page page = PageRequest.of(limits, limit, reverse(reverse));
    String from = since == null ? Cursor.EARLIEST : Cursor.checkSince(since);
    access.check(SecurityFilter.caller(request), topics, "http", Reading.HISTORY);
    limits.checkTopics(topics.size());
    ReadResult r = hub.read(topics, from, page);
    StringBuilder body = new StringBuilder(HistoryAnswer.size(r)).append('{');
    HistoryAnswer.fields(body, r).append('}');
    return Response.ok(body.toString(), MediaType.APPLICATION_JSON)
        .cacheControl(MessagesResource.noStore())
        .build();
  }

  /** {@code true}, {@code false} or absent (oldest first). */
  static boolean reverse(String text) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new InvalidInputException("bad-reverse", "reverse must be 'true' or 'false'");
  }
}
