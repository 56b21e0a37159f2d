package io.herald.transport.ws;

import io.herald.hub.JsonP;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.Presence;
import io.herald.hub.PresenceEvent;
import io.herald.hub.ReadResult;
import io.herald.transport.HistoryAnswer;
import io.herald.transport.PresenceAnswer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A server frame's text, queued behind the connection's messages. Factory methods build every frame
 * type of the protocol; message frames are built once per message.
 *
 * <p>Immutable.
 *
 * @param text the frame's JSON text
 */
record WsFrame(String text) implements Outbound {

  private static final Message.Codec<String> MESSAGE =
      new Message.Codec<>(m -> "{\"type\":\"message\"," + m.json().substring(1));

  @Override
  public int weight() {
    return text.length() + 32;
  }

  static String message(Message m) {
    return m.encoded(MESSAGE);
  }

  static WsFrame subscribed(List<String> topics, String cursor) {
    return of(
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("type", "subscribed")
            .add("topics", array(topics))
            .add("cursor", cursor));
  }

  static WsFrame gap(List<String> topics) {
    return of(JsonP.PROVIDER.createObjectBuilder().add("type", "gap").add("topics", array(topics)));
  }

  static WsFrame ack(JsonValue ref, String id) {
    JsonObjectBuilder b = JsonP.PROVIDER.createObjectBuilder().add("type", "ack");
    if (ref != null) {
      b.add("ref", ref);
    }
    return of(b.add("id", id));
  }

  static WsFrame authenticated(JsonValue ref, String expires) {
    JsonObjectBuilder b = JsonP.PROVIDER.createObjectBuilder().add("type", "authenticated");
    if (ref != null) {
      b.add("ref", ref);
    }
    return of(b.add("expires", expires));
  }

  /** The answer to a {@code history} frame: {@code {"type":"history","ref":…,"messages":…}}. */
  static WsFrame history(JsonValue ref, ReadResult r) {
    StringBuilder b = new StringBuilder(HistoryAnswer.size(r)).append("{\"type\":\"history\",");
    if (ref != null) {
      b.append("\"ref\":").append(ref).append(',');
    }
    return new WsFrame(HistoryAnswer.fields(b, r).append('}').toString());
  }

  /** The answer to a {@code request} frame: {@code {"type":"reply","ref":…,"data":…}}. */
  static WsFrame reply(JsonValue ref, JsonValue data) {
    return of(
        JsonP.PROVIDER
            .createObjectBuilder()
            .add("type", "reply")
            .add("ref", ref)
            .add("data", data));
  }

  /** A join or leave: {@code {"type":"join"|"leave","topic","count","member"?}}. */
  static WsFrame presenceEvent(PresenceEvent e) {
    return of(
        PresenceAnswer.event(
            JsonP.PROVIDER.createObjectBuilder().add("type", PresenceAnswer.name(e)), e));
  }

  /** The answer to a {@code presence} frame. */
  static WsFrame presence(JsonValue ref, Presence p, boolean named) {
    JsonObjectBuilder b = JsonP.PROVIDER.createObjectBuilder().add("type", "presence");
    if (ref != null) {
      b.add("ref", ref);
    }
    return of(PresenceAnswer.fields(b, p, named));
  }

  static WsFrame pong() {
    return new WsFrame("{\"type\":\"pong\"}");
  }

  static WsFrame error(JsonValue ref, String code, String message) {
    JsonObjectBuilder b = JsonP.PROVIDER.createObjectBuilder().add("type", "error");
    if (ref != null) {
      b.add("ref", ref);
    }
    return of(b.add("code", code).add("message", message));
  }

  private static WsFrame of(JsonObjectBuilder b) {
    return new WsFrame(b.build().toString());
  }

  private static JsonArrayBuilder array(List<String> items) {
    JsonArrayBuilder a = JsonP.PROVIDER.createArrayBuilder();
    items.forEach(a::add);
    return a;
  }
}
