package io.herald.transport.sse;

import io.herald.hub.JsonP;
import io.herald.hub.Message;
import io.herald.hub.PresenceEvent;
import io.herald.hub.Resumed;
import io.herald.transport.PresenceAnswer;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;

/**
 * Encodes hub items as SSE events. A message's event is built once and the same immutable {@link
 * OutboundSseEvent} is written to every stream.
 *
 * <p>Thread-safe. The JAX-RS {@link Sse} factory is stateless; the first request's is kept for the
 * memoised message events.
 */
final class SseEvents {
  private static volatile Sse factory;

  private static final Message.Codec<OutboundSseEvent> CODEC =
      new Message.Codec<>(
          m ->
              factory
                  .newEventBuilder()
                  .id(m.id().toString())
                  .name(m.event())
                  .mediaType(MediaType.TEXT_PLAIN_TYPE)
                  .data(String.class, m.json())
                  .build());

  private final Sse sse;

  private final long heartbeatMillis;

  private SseEvents(Sse sse, long heartbeatMillis) {
    this.sse = sse;
    this.heartbeatMillis = heartbeatMillis;
  }

  static SseEvents of(Sse sse, long heartbeatMillis) {
    if (factory == null) {
      factory = sse;
    }
    return new SseEvents(sse, heartbeatMillis);
  }

  OutboundSseEvent message(Message m) {
    return m.encoded(CODEC);
  }

  /**
   * The {@code subscribed} event: its id is the stream's resume position; its data also says how
   * often heartbeat comments come, so clients can tell a silently dead stream.
   */
  OutboundSseEvent subscribed(Resumed r, long retryMillis) {
    String data =
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("topics", array(r.topics()))
            .add("cursor", r.cursor().toString())
            .add("heartbeat", heartbeatMillis)
            .build()
            .toString();
    return sse.newEventBuilder()
        .id(r.cursor().toString())
        .name("subscribed")
        .reconnectDelay(retryMillis)
        .mediaType(MediaType.TEXT_PLAIN_TYPE)
        .data(String.class, data)
        .build();
  }

  /** A {@code join} or {@code leave} event: no id, so it does not move the resume position. */
  OutboundSseEvent presence(PresenceEvent e) {
    String data = PresenceAnswer.event(JsonP.PROVIDER.createObjectBuilder(), e).build().toString();
    return sse.newEventBuilder()
        .name(PresenceAnswer.name(e))
        .mediaType(MediaType.TEXT_PLAIN_TYPE)
        .data(String.class, data)
        .build();
  }

  /** A comment line that keeps the connection alive and reveals a dropped client. */
  OutboundSseEvent heartbeat() {
    return sse.newEventBuilder().comment("heartbeat").build();
  }

  /** A field-only event telling the client how long to wait before reconnecting. */
  OutboundSseEvent retry(long retryMillis) {
    return sse.newEventBuilder().comment("closing").reconnectDelay(retryMillis).build();
  }

  /** The {@code gap} event naming topics whose history after the cursor is incomplete. */
  OutboundSseEvent gap(List<String> topics) {
    String data =
        JsonP.PROVIDER.createObjectBuilder().add("topics", array(topics)).build().toString();
    return sse.newEventBuilder()
        .name("gap")
        .mediaType(MediaType.TEXT_PLAIN_TYPE)
        .data(String.class, data)
        .build();
  }

  private static JsonArrayBuilder array(List<String> items) {
    JsonArrayBuilder a = JsonP.PROVIDER.createArrayBuilder();
    items.forEach(a::add);
    return a;
  }
}
