package io.herald.hub;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fan-out of stored messages: queues each message for its topic's subscribers (or holds it for a
 * subscriber still replaying that topic), then tells the {@code published} callback (see {@link
 * Hub}'s class comment). Only offers to bounded queues: it never writes to a connection.
 *
 * <p>Not thread-safe: the {@link Hub} calls it only under its sequencer lock, which is what keeps
 * every subscriber's messages in id order.
 */
final class FanOut {
  private final SubscriberRegistry registry;
  private final Consumer<Message> published;

  FanOut(SubscriberRegistry registry, Consumer<Message> published) {
    this.registry = registry;
    this.published = published;
  }

  void deliver(List<Message> batch) {
    for (Message m : batch) {
      Set<Outbox> subs = registry.holding(m.topic());
      if (subs != null) {
        for (Outbox s : subs) {
          // A shared store's replay may run ahead of its feed (see Hub.subscribe); skip what it
          // had.
          Long seen = s.highWater.get(m.topic());
          if (seen == null || m.seq() > seen) {
            if (ReplayPager.replaying(s, m.topic())) {
              s.hold(m);
            } else {
              s.offer(m);
            }
          }
        }
      }
      published.accept(m);
    }
  }
}
