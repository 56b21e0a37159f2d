package io.herald.bench.peers;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /peers/api/sse} registers the stream with one {@link SseBroadcaster} and sends it a
 * {@code subscribed} event; {@code POST /peers/api/publish} broadcasts the body as one SSE event
 * and sends it to every {@link PlainSocket} session.
 *
 * <p>Thread-safe: the broadcaster is created once, under the class lock.
 */
@Path("/")
public class PlainSse {
  private static SseBroadcaster broadcaster;

  private static synchronized SseBroadcaster broadcaster(Sse sse) {
    if (broadcaster == null) {
      broadcaster = sse.newBroadcaster();
    }
    return broadcaster;
  }

  @GET
  @Path("sse")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@Context SseEventSink sink, @Context Sse sse) {
    broadcaster(sse).register(sink);
    sink.send(sse.newEventBuilder().name("subscribed").data("{}").build());
  }

  @GET
  @Path("ready")
  public String ready() {
    return "ok";
  }

  @POST
  @Path("publish")
  @Consumes(MediaType.WILDCARD)
  public Response publish(String body, @Context Sse sse) {
    PlainSocket.broadcast(body);
    broadcaster(sse).broadcast(sse.newEventBuilder().name("m").data(body).build());
    return Response.noContent().build();
  }
}
