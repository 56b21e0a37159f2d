package io.herald.testclient;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One message as Herald delivers it on every transport (docs/protocol.md, "Messages"). Immutable,
 * so thread-safe. Built by the subscriptions and {@link HeraldClient}'s reads.
 *
 * @param id the message's cursor (opaque; resume from it)
 * @param topic its topic
 * @param event its event name
 * @param data its payload
 * @param time when it was stored, as the server wrote it
 */
public record Message(String id, String topic, String event, JsonValue data, String time) {

  /** Reads a message object (a WebSocket {@code message} frame, an SSE data line, a poll entry). */
  public static Message of(JsonObject json) {
    return new Message(
        json.getString("id"),
        json.getString("topic"),
        json.getString("event", "message"),
        json.getOrDefault("data", JsonValue.NULL),
        json.getString("time", null));
  }

  @Override
  public String toString() {
    return id + " " + topic + " " + event + " " + data;
  }
}
