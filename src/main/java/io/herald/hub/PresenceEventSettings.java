package io.herald.hub;

/**
 * How join and leave events are bounded, read once at start from {@code herald.presence.*}.
 * Immutable.
 *
 * @param eventRate most join and leave events announced per topic per second by one instance;
 *     changes beyond it wait up to a second, the oldest dropped first (see {@link
 *     PresenceTracker}). Default {@code 50}.
 */
public record PresenceEventSettings(int eventRate) {
  public PresenceEventSettings {
    if (eventRate < 1) {
      throw new IllegalArgumentException(
          "herald.presence.event-rate must be at least 1, got " + eventRate);
    }
  }
}
