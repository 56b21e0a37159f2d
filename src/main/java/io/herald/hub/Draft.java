package io.herald.hub;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Base64;

/**
 * A message about to be published: validated topic and event, payload as JSON text (binary data as
 * {@code {"$base64":…}}, checked here). The hub gives it an id and a time when it stores it.
 *
 * <p>Immutable.
 *
 * @param topic validated topic
 * @param event validated event name
 * @param dataJson payload as JSON text
 */
public record Draft(String topic, String event, String dataJson) {

  /** Validates the parts and builds a draft; {@code data} must not be null. */
  public static Draft of(String topic, String event, JsonValue data) {
    if (data == null) {
      throw new InvalidInputException("missing-data", "data is required");
    }
    checkBinary(data);
    return new Draft(Names.topic(topic), Names.event(event), data.toString());
  }

  /** The member naming binary data: {@code {"$base64":"<standard base64>"}} and nothing else. */
  public static final String BASE64 = "$base64";

  /**
   * Binary data is declared as {@code {"$base64":"…"}}, the only member, in RFC 4648 standard
   * base64; an object with a {@code $base64} member of any other shape is refused so no payload is
   * ambiguous (docs/protocol.md, "Binary data").
   */
  static void checkBinary(JsonValue data) {
    if (data instanceof JsonObject o && o.containsKey(BASE64)) {
      boolean ok = o.size() == 1 && o.get(BASE64) instanceof JsonString s && base64(s.getString());
      if (!ok) {
        throw new InvalidInputException(
            "bad-binary", "binary data is {\"$base64\":\"<standard base64>\"} and nothing else");
      }
    }
  }

  private static boolean base64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
