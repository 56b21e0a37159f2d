package io.herald.api;

import java.time.Instant;

/**
 * What {@link Herald#publish} stored: the message's id (the cursor a client resumes from), topic,
 * event name and the time it was stored.
 *
 * <p>Immutable; applications may construct it in their own tests.
 *
 * @param id the message's id, e.g. {@code "k3j9:42"}; opaque to applications
 * @param topic the topic it was published on
 * @param event its event name ({@code "message"} unless one was given)
 * @param time when it was stored, to the millisecond
 */
public record Published(String id, String topic, String event, Instant time) {}
