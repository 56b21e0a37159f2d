package io.herald.hub;

import java.util.List;

/**
 * Who is subscribed to a topic at one moment, on this instance: how many subscriptions hold it, and
 * the distinct {@link Subscriber#identity() identities} among them (sorted; anonymous subscribers
 * are counted but not named).
 *
 * <p>Immutable.
 *
 * @param topic the topic
 * @param count subscriptions holding it
 * @param members distinct identities of its subscribers, sorted
 */
public record Presence(String topic, int count, List<String> members) {
  public Presence {
    members = List.copyOf(members);
  }
}
