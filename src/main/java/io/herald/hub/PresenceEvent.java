package io.herald.hub;

/**
 * A join or leave on a topic, as queued for a subscriber that asked for them ({@link
 * Hub#subscribe(Outbox, java.util.List, String, java.util.function.Predicate)}): ephemeral (no id,
 * not in history, does not move the cursor), ordered with the messages of the same queue.
 *
 * <p>Immutable; shared between subscribers.
 *
 * @param topic the topic
 * @param joined true for a join, false for a leave
 * @param identity the subject that joined or left, or {@code null} when anonymous or when the topic
 *     does not name its subscribers to this receiver
 * @param count the topic's subscriptions when the event was sent (cluster-wide with a shared board)
 */
public record PresenceEvent(String topic, boolean joined, String identity, int count)
    implements Outbound {

  /** The same event without the identity, for a receiver the topic does not name members to. */
  public PresenceEvent unnamed() {
    return identity == null ? this : new PresenceEvent(topic, joined, null, count);
  }

  @Override
  public int weight() {
    return 64 + topic.length() + (identity == null ? 0 : identity.length());
  }
}
