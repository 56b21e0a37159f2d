package io.herald.hub;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is attached to the hub and which topics each holds: the attached subscriptions, and per topic
 * the subscriptions that receive it (the index fan-out walks). Keeps a subscription's own {@code
 * topics}, {@code highWater} and {@code replays} in step with the index.
 *
 * <p>Not thread-safe: owned by {@link Hub}, which calls it only while holding its sequencer lock,
 * so registry changes are ordered with storing and fan-out.
 */
final class SubscriberRegistry {
  private final Map<String, Set<Outbox>> byTopic = new HashMap<>();
  private final Set<Outbox> attached = new HashSet<>();
  private final PresenceTracker presence;

  /**
   * @param presence told of every topic a subscription takes or lets go of
   */
  SubscriberRegistry(PresenceTracker presence) {
    this.presence = presence;
  }

  /** Registers a subscription with no topics yet. */
  void add(Outbox sub) {
    attached.add(sub);
  }

  /**
   * Adds {@code topic} to an attached subscription.
   *
   * @return false if it already held the topic
   */
  boolean join(Outbox sub, String topic) {
    if (!sub.topics.add(topic)) {
      return false;
    }
    byTopic.computeIfAbsent(topic, k -> new HashSet<>()).add(sub);
    presence.joined(topic, sub);
    return true;
  }

  /** Removes {@code topic} from a subscription, if it held it. */
  void leave(Outbox sub, String topic) {
    if (sub.topics.remove(topic)) {
      unindex(sub, topic);
    }
  }

  /**
   * Closes a subscription (dropping what is still queued for it) and unregisters it and all its
   * topics. Idempotent.
   *
   * @return false if it was not attached
   */
  boolean remove(Outbox sub) {
    sub.close();
    if (!attached.remove(sub)) {
      return false;
    }
    for (String t : sub.topics) {
      unindex(sub, t);
    }
    sub.topics.clear();
    sub.replays.clear();
    return true;
  }

  /** The subscriptions holding {@code topic}, or {@code null}; live view, do not modify. */
  Set<Outbox> holding(String topic) {
    return byTopic.get(topic);
  }

  /** A snapshot of every attached subscription. */
  List<Outbox> all() {
    return List.copyOf(attached);
  }

  /** How many subscriptions are attached. */
  int size() {
    return attached.size();
  }

  /** How many subscriptions hold {@code topic}. */
  int size(String topic) {
    Set<Outbox> subs = byTopic.get(topic);
    return subs == null ? 0 : subs.size();
  }

  /** Subscriber count per topic, a fresh map. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    byTopic.forEach((t, s) -> counts.put(t, s.size()));
    return counts;
  }

  private void unindex(Outbox sub, String topic) {
    sub.highWater.remove(topic);
    for (Replay r : sub.replays) {
      r.topics.remove(topic);
    }
    sub.replays.removeIf(Replay::done);
    Set<Outbox> subs = byTopic.get(topic);
    if (subs != null && subs.remove(sub)) {
      presence.left(topic, sub);
      if (subs.isEmpty()) {
        byTopic.remove(topic);
      }
    }
  }
}
