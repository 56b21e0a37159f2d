package io.herald.transport.poll;

import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Names;
import io.herald.hub.ReadResult;
import io.herald.hub.Subscription;
import io.herald.limits.Limits;
import io.herald.limits.Permit;
import io.herald.ops.Connections;
import io.herald.ops.DisconnectReason;
import io.herald.security.AccessPolicy;
import io.herald.security.Expiry;
import io.herald.transport.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ConnectionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Long poll {@code GET /api/poll?topic=...&since=C&timeout=S}: answers as soon as at least one
 * message is there (all pending ones in one batch), or with none after {@code timeout} seconds
 * (default 25, 0-60). The request is parked as an {@link AsyncResponse}; no thread waits.
 *
 * <p>Request-scoped; JAX-RS calls it.
 */
@Path("poll")
@RequestScoped
public class PollResource {
  static final int DEFAULT_TIMEOUT = 25;
  static final int MAX_TIMEOUT = 60;

  @Inject Hub hub;
  @Inject AccessPolicy access;
  @Inject Expiry expiry;
  @Inject Limits limits;
  @Inject Connections connections;
  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void poll(
      @QueryParam("topic") List<String> topic,
      @QueryParam("since") String since,
      @QueryParam("timeout") String timeout,
      @Suspended AsyncResponse response) {
    List<String> topics = Names.topics(topic);
    int requested = timeout(timeout);
    access.checkSubscribe(security.getUserPrincipal(), topics);
    int seconds = expiry.capSeconds(security.getUserPrincipal(), requested);
    limits.checkTopics(topics.size());
    Permit permit = limits.admitPoll(ClientAddress.of(request));
    ParkedPoll parked = new ParkedPoll(response, hub);
    if (request.isAsyncStarted()) {
      // The container's own handle on the request, kept for the goodbye on undeploy (see
      // ParkedPoll.closing).
      parked.servletFallback(request.getAsyncContext());
    }
    parked.onDone(permit::close);
    Subscription sub;
    try {
      sub = hub.attach(parked);
    } catch (RuntimeException e) {
      permit.close();
      throw e;
    }
    parked.bind(sub);
    // Payara never fires this, nor a servlet AsyncListener, for a dropped client (measured); there
    // the poll's own timeout (at most 60 s) frees it. Containers that do report disconnects free
    // it at once.
    response.register((ConnectionCallback) r -> parked.abandon());
    parked.track(
        connections.open(
            Connections.LONG_POLL,
            request.getRemoteAddr(),
            security.getUserPrincipal(),
            () -> {
              Cursor now = hub.stopWaiting(sub);
              if (now != null) {
                parked.answer(PollBody.of(List.of(), now, List.of()));
              }
            }));
    response.setTimeoutHandler(
        r -> {
          Cursor now = hub.stopWaiting(sub);
          if (now != null) {
            parked.mark(DisconnectReason.TIMEOUT);
            parked.answer(PollBody.of(List.of(), now, List.of()));
          } else {
            // A delivery is under way and will answer; JAX-RS would send 503 otherwise.
            r.setTimeout(1, TimeUnit.SECONDS);
          }
        });
    response.setTimeout(Math.max(seconds, 1), TimeUnit.SECONDS);
    ReadResult ready;
    try {
      ready = hub.readOrWait(sub, topics, since);
    } catch (RuntimeException e) {
      parked.mark(DisconnectReason.ERROR);
      parked.release();
      throw e;
    }
    if (ready != null) {
      parked.answer(PollBody.of(ready));
    } else if (seconds == 0) {
      Cursor now = hub.stopWaiting(sub);
      if (now != null) {
        parked.mark(DisconnectReason.TIMEOUT);
        parked.answer(PollBody.of(List.of(), now, List.of()));
      }
    }
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
