package io.herald.transport.sse;

import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.Names;
import io.herald.hub.Subscription;
import io.herald.limits.Limits;
import io.herald.limits.Permit;
import io.herald.ops.Connections;
import io.herald.ops.DisconnectReason;
import io.herald.security.AccessPolicy;
import io.herald.security.Expiry;
import io.herald.transport.ClientAddress;
import io.herald.transport.Heartbeats;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;

/**
 * {@code GET /api/sse?topic=...}: opens an event stream, resuming from the {@code Last-Event-ID}
 * header (what EventSource sends on reconnect) or else {@code ?since=}.
 *
 * <p>Request-scoped and thin: validates, then hands an {@link SseStream} to the hub.
 */
@Path("sse")
@RequestScoped
public class SseResource {
  @Inject Hub hub;
  @Inject AccessPolicy access;
  @Inject Expiry expiry;
  @Inject Limits limits;
  @Inject Heartbeats heartbeats;
  @Inject Connections connections;

  @Inject SseSettings settings;

  @Context SecurityContext security;
  @Context Sse sse;
  @Context HttpServletRequest request;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context SseEventSink sink) {
    List<String> topics = Names.topics(topic);
    String from =
        Cursor.checkSince(lastEventId != null && !lastEventId.isBlank() ? lastEventId : since);
    access.checkSubscribe(security.getUserPrincipal(), topics);
    limits.checkTopics(topics.size());
    Permit permit = limits.admitStream(ClientAddress.of(request));
    SseStream stream =
        new SseStream(
            sink, SseEvents.of(sse, heartbeats.interval().toMillis()), hub, settings.retryMillis());
    Subscription sub;
    try {
      sub = hub.attach(stream);
    } catch (RuntimeException e) {
      permit.close();
      throw e;
    }
    stream.bind(sub);
    Runnable stopBeating = heartbeats.register(new SseHeartbeat(stream, heartbeats.timeoutNanos()));
    stream.onClose(
        () -> {
          stopBeating.run();
          permit.close();
        });
    stream.track(
        connections.open(
            Connections.SSE,
            request.getRemoteAddr(),
            security.getUserPrincipal(),
            () -> stream.close(DisconnectReason.OPERATOR)));
    stream.expiresWith(
        expiry.onExpiry(
            security.getUserPrincipal(), () -> stream.close(DisconnectReason.SERVER_CLOSED)));
    hub.subscribe(sub, topics, from);
  }
}
