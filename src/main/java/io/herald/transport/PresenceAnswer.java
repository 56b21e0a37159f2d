package io.herald.transport;

import io.herald.hub.JsonP;
import io.herald.hub.Presence;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * The fields of a presence answer, the same on {@code GET /api/presence} and the WebSocket {@code
 * presence} frame: {@code "topic"}, {@code "count"} and, where {@link PresenceSettings} allows it,
 * {@code "members"}.
 *
 * <p>Stateless.
 */
public final class PresenceAnswer {
  private PresenceAnswer() {}

  /**
   * @param into the builder to add the fields to
   * @param named whether the topic's subscribers may be named to the asking caller
   */
  public static JsonObjectBuilder fields(JsonObjectBuilder into, Presence p, boolean named) {
    into.add("topic", p.topic()).add("count", p.count());
    if (named) {
      JsonArrayBuilder members = JsonP.PROVIDER.createArrayBuilder();
      p.members().forEach(members::add);
      into.add("members", members);
    }
    return into;
  }
}
