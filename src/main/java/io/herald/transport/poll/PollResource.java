package io.herald.transport.poll;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Hub;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Names;
import io.herald.hub.Page;
import io.herald.limits.Limits;
import io.herald.ops.TransportKind;
import io.herald.security.Caller;
import io.herald.security.Expiry;
import io.herald.security.SecurityFilter;
import io.herald.transport.ClientAddress;
import io.herald.transport.PageRequest;
import io.herald.transport.PresenceAnswer;
import io.herald.transport.PresenceSettings;
import io.herald.transport.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Long poll {@code GET /api/poll?topic=...&since=C&timeout=S&limit=N&presence=B}: answers as soon
 * as at least one message is there (the pending ones, one page of at most {@code limit} and the
 * byte cap, with {@code "more"} when cut), or with none after {@code timeout} seconds (default 25,
 * 0-60). The request is parked as an {@link AsyncResponse}; no thread waits. With {@code
 * presence=true} the answer also gives each topic's presence when it is made ({@link
 * PollPresence}).
 *
 * <p>Application-scoped, stateless and thin: validates, opens a session for a {@link ParkedPoll},
 * starts it. JAX-RS calls it.
 */
@Path("poll")
@ApplicationScoped
public class PollResource {
  static final int DEFAULT_TIMEOUT = 25;
  static final int MAX_TIMEOUT = 60;

  @Inject Hub hub;
  @Inject SubscribeGate access;
  @Inject Expiry expiry;
  @Inject Limits limits;
  @Inject Sessions sessions;
  @Inject PresenceSettings presenceSettings;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void poll(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @QueryParam("timeout") String timeout,
      @QueryParam("limit") String limit,
      @QueryParam("presence") String presence,
      @Context HttpServletRequest request,
      @Suspended AsyncResponse response) {
    List<String> topics = Names.topics(topic);
    int requested = timeout(timeout);
    Page page = PageRequest.of(limits, limit, false);
    boolean withPresence = PresenceAnswer.flag(presence);
    Principal caller = SecurityFilter.caller(request);
    access.check(caller, topics, "long-poll", Reading.SUBSCRIBE);
    int seconds = expiry.capSeconds(caller, requested);
    limits.checkTopics(topics.size());
    // The container's own handle on the request, kept for the goodbye on undeploy (see
    // ParkedPoll.closing).
    Optional<AsyncContext> servletAsync =
        request.isAsyncStarted() ? Optional.of(request.getAsyncContext()) : Optional.empty();
    PollPresence p = new PollPresence(hub, topics, presenceSettings, Caller.of(caller).subject());
    Function<String, Response> ok = withPresence ? body -> ok(p.addTo(body)) : PollResource::ok;
    ParkedPoll parked =
        sessions.open(
            TransportKind.LONG_POLL,
            ClientAddress.of(request),
            caller,
            s -> new ParkedPoll(response, ok, servletAsync, hub, s, page));
    parked.start(topics, since, seconds);
  }

  private static int timeout(String text) {
    if (text == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      int s = Integer.parseInt(text);
      if (s >= 0 && s <= MAX_TIMEOUT) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "bad-timeout", "timeout must be a whole number of seconds from 0 to " + MAX_TIMEOUT);
  }

  static Response ok(String body) {
    return Response.ok(body, MediaType.APPLICATION_JSON)
        .cacheControl(MessagesResource.noStore())
        .build();
  }
}
