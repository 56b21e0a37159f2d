package io.herald.hub;

/**
 * CDI event fired synchronously for each stored message, in id order, while the hub's sequencer
 * lock is held. The hub's own {@link FanOut} observer queues it for subscribers; application
 * observers may react too, but must be quick (or use {@code @ObservesAsync}) since they delay every
 * publisher.
 *
 * @param message the stored message, with its id
 */
public record MessagePublished(Message message) {}
