package io.herald.testclient;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;

/**
 * One answer of a short or long poll ({@code GET /api/messages}, {@code GET /api/poll}). Immutable.
 * Returned by {@link HeraldClient#messages} and {@link HeraldClient#longPoll}.
 *
 * @param messages the messages, in id order
 * @param cursor where to continue: pass it as {@code since} next time
 * @param gap topics whose history after {@code since} is incomplete
 * @param more whether the page was cut (poll again at once from {@code cursor})
 */
public record Page(List<Message> messages, String cursor, List<String> gap, boolean more) {

  /** Reads a poll body. */
  public static Page of(JsonObject body) {
    return new Page(
        body.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
            .map(Message::of)
            .toList(),
        body.getString("cursor", null),
        body.containsKey("gap")
            ? body.getJsonArray("gap").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList()
            : List.of(),
        body.getBoolean("more", false));
  }
}
