package io.herald.api.internal;

import io.herald.hub.InvalidInputException;
import io.herald.hub.JsonP;
import io.herald.hub.Names;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing of what clients send, shared by all transports so that every one reports the same
 * problems with the same codes.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClientInput {
  private ClientInput() {}

  /** Parses JSON text, throwing {@link InvalidInputException} {@code bad-json} when malformed. */
  public static JsonValue parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("bad-json", "a JSON body is required");
    }
    JsonLimits.check(text);
    try (JsonReader reader = JsonP.reader(text)) {
      return reader.readValue();
    } catch (JsonParsingException e) {
      throw new InvalidInputException(
          "bad-json", "malformed JSON at offset " + e.getLocation().getStreamOffset());
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidInputException("bad-json", "malformed JSON");
    } catch (RuntimeException e) {
      // Parsson refuses nesting past 1,000 levels and numbers past 1,100 characters with plain
      // runtime exceptions (found by fuzzing).
      throw new InvalidInputException("bad-json", JsonLimits.TOO_DEEP_OR_LONG);
    }
  }

  /**
   * Reads one publish request {@code {"topic","event"?,"data"}}.
   *
   * @throws InvalidInputException naming the first problem
   */
  public static PublishRequest publishRequest(JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      throw new InvalidInputException("bad-request", "a publish must be a JSON object");
    }
    String topic = Names.topic(string(o, "topic", true));
    String event = Names.event(string(o, "event", false));
    if (!o.containsKey("data")) {
      throw new InvalidInputException("missing-data", "data is required");
    }
    return new PublishRequest(topic, event, o.get("data"));
  }

  /** Reads a publish body: one request object, or a non-empty array of them. */
  public static List<PublishRequest> publishRequests(JsonValue body, int maxBatch) {
    if (body.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of(publishRequest(body));
    }
    List<JsonValue> items = body.asJsonArray();
    if (items.isEmpty()) {
      throw new InvalidInputException("bad-request", "a batch must hold at least one message");
    }
    if (items.size() > maxBatch) {
      throw new InvalidInputException(
          "bad-request", "a batch may hold at most " + maxBatch + " messages");
    }
    List<PublishRequest> requests = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        requests.add(publishRequest(items.get(i)));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(e.code(), "message " + i + ": " + e.getMessage());
      }
    }
    return requests;
  }

  /**
   * Reads an optional or required string member.
   *
   * @throws InvalidInputException {@code bad-request} if missing (when required) or not a string
   */
  public static String string(JsonObject o, String name, boolean required) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        throw new InvalidInputException("bad-request", "'" + name + "' is required");
      }
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw new InvalidInputException("bad-request", "'" + name + "' must be a string");
    }
    return s.getString();
  }

  /** Reads a required non-empty array of topic names. */
  public static List<String> topics(JsonObject o) {
    JsonValue v = o.get("topics");
    if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidInputException("bad-topic", "'topics' must be an array of topic names");
    }
    List<String> topics = new ArrayList<>();
    for (JsonValue t : v.asJsonArray()) {
      if (!(t instanceof JsonString s)) {
        throw new InvalidInputException("bad-topic", "'topics' must hold only strings");
      }
      topics.add(s.getString());
    }
    return Names.topics(topics);
  }
}
