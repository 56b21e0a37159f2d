package io.herald.hub;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Where presence is shared: what the {@link PresenceTracker} sees of the other instances. The
 * {@link #LOCAL local} board (one instance) hands changes straight back; a shared board (the Redis
 * store's) keeps each instance's members where the others can read them, and announces every
 * instance's changes to all of them, this one included.
 *
 * <p>Implementations are thread-safe. The tracker calls {@link #publish} from its flush timer and
 * {@link #presence} from request threads, never under the hub's lock.
 */
public interface PresenceBoard {

  /** One instance: this instance's presence is the whole presence. */
  PresenceBoard LOCAL =
      new PresenceBoard() {
        @Override
        public void publish(Presence local, List<PresenceChange> changes, Sink sink) {
          sink.changed(local.topic(), local.count(), changes);
        }

        @Override
        public Presence presence(Presence local) {
          return local;
        }
      };

  /**
   * Records this instance's presence on a topic after {@code changes}, and announces them: every
   * instance's {@link Sink} (this one's is {@code sink}) is told, with the topic's count then.
   *
   * @param local this instance's presence on the topic after the changes
   * @param changes in the order they happened (at least one)
   */
  void publish(Presence local, List<PresenceChange> changes, Sink sink);

  /** The topic's presence across every instance, given this instance's. */
  Presence presence(Presence local);

  /**
   * Starts announcing every instance's changes to {@code sink}, and keeping this instance's
   * presence fresh on {@code timer} ({@code snapshot} gives all of it); the local board needs
   * neither. The timer is the one the tracker flushes on, so refreshes and flushes never overlap.
   */
  default void start(
      Sink sink, Supplier<List<Presence>> snapshot, ScheduledExecutorService timer) {}

  /** Stops what {@link #start} started. */
  default void stop() {}

  /** Where a board hands the changes it announces. Thread-safe. */
  interface Sink {
    /**
     * @param count the topic's subscriptions after the changes (cluster-wide on a shared board)
     */
    void changed(String topic, int count, List<PresenceChange> changes);
  }
}
