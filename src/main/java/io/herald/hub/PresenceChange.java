package io.herald.hub;

/**
 * One subscription joining or leaving a topic on some instance, as handed to a {@link
 * PresenceBoard}.
 *
 * <p>Immutable.
 *
 * @param joined true for a join, false for a leave
 * @param identity the subscriber's subject, or {@code null} if anonymous
 */
public record PresenceChange(boolean joined, String identity) {}
