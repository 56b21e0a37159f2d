package io.herald.hub;

/**
 * CDI event fired for applications for each stored message, after the hub has queued it for its
 * subscribers. When and on which thread it fires is stated once, in the {@link Hub} class comment:
 * on one announcer thread, in id order, off the hub's lock, so a slow observer delays only later
 * announcements.
 *
 * @param message the stored message, with its id
 */
public record MessagePublished(Message message) {}
