package io.herald.transport.sse;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.Names;
import io.herald.limits.Limits;
import io.herald.ops.TransportKind;
import io.herald.security.Caller;
import io.herald.security.SecurityFilter;
import io.herald.transport.ClientAddress;
import io.herald.transport.Heartbeats;
import io.herald.transport.PresenceAnswer;
import io.herald.transport.PresenceSettings;
import io.herald.transport.Sessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.security.Principal;
import java.util.List;

/**
 * {@code GET /api/sse?topic=...&presence=true}: opens an event stream (with {@code join} and {@code
 * leave} events for its topics when {@code presence=true}), resuming from the {@code Last-Event-ID}
 * header (what EventSource sends on reconnect) or else {@code ?since=}.
 *
 * <p>A refusal reconnecting cannot cure (bad input, forbidden topic) is answered to an EventSource
 * with 204 ({@link io.herald.error.EventSourceStop}), to other clients with a problem.
 *
 * <p>Request-scoped and thin: validates, opens a session for an {@link SseStream}, subscribes.
 */
@Path("sse")
@RequestScoped
public class SseResource {
  @Inject Hub hub;
  @Inject SubscribeGate access;
  @Inject Limits limits;
  @Inject Heartbeats heartbeats;
  @Inject Sessions sessions;

  @Inject SseSettings settings;
  @Inject PresenceSettings presenceSettings;
  @Inject SseLiveness liveness;

  @Context Sse sse;
  @Context HttpServletRequest request;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @QueryParam("presence") String presence,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @HeaderParam("Accept") String accept,
      @Context SseEventSink sink) {
    List<String> topics;
    String from;
    boolean watch;
    Principal caller = SecurityFilter.caller(request);
    try {
      topics = Names.topics(topic);
      from = Cursor.checkSince(lastEventId != null && !lastEventId.isBlank() ? lastEventId : since);
      watch = PresenceAnswer.flag(presence);
      access.check(caller, topics, "sse", Reading.SUBSCRIBE);
      limits.checkTopics(topics.size());
    } catch (RuntimeException refused) {
      throw SseStop.of(accept, refused);
    }
    SseEvents events = SseEvents.of(sse, heartbeats.interval().toMillis());
    SseStream stream =
        sessions.open(
            TransportKind.SSE,
            ClientAddress.of(request),
            caller,
            s -> new SseStream(sink, events, settings.retryMillis(), heartbeats.timeoutNanos(), s));
    SseEnd.watch(request, stream);
    liveness.watch(stream);
    if (watch) {
      String subject = Caller.of(caller).subject();
      hub.subscribe(
          stream.session().outbox(), topics, from, t -> presenceSettings.named(t, subject));
    } else {
      hub.subscribe(stream.session().outbox(), topics, from);
    }
  }
}
