package io.herald.hub;

import jakarta.json.JsonValue;

/**
 * A message about to be published: validated topic and event, payload as JSON text. The hub gives
 * it an id and a time when it stores it.
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
    return new Draft(Names.topic(topic), Names.event(event), data.toString());
  }
}
