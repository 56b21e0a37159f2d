package io.herald.transport;

import io.herald.hub.InvalidInputException;
import io.herald.hub.JsonP;
import io.herald.hub.Presence;
import io.herald.hub.PresenceEvent;
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

  /** A join or leave event's name: {@code join} or {@code leave}. */
  public static String name(PresenceEvent e) {
    return e.joined() ? "join" : "leave";
  }

  /**
   * The fields of a join or leave event, the same on WebSocket and SSE: {@code "topic"}, {@code
   * "count"} and, where the topic names its members to the receiver, {@code "member"}.
   */
  public static JsonObjectBuilder event(JsonObjectBuilder into, PresenceEvent e) {
    into.add("topic", e.topic()).add("count", e.count());
    if (e.identity() != null) {
      into.add("member", e.identity());
    }
    return into;
  }

  /**
   * Reads an opt-in flag for join and leave events: absent or {@code false} is off, {@code true}
   * on.
   *
   * @throws InvalidInputException {@code bad-presence} for any other value
   */
  public static boolean flag(String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new InvalidInputException("bad-presence", "presence must be true or false");
  }
}
