package io.herald.api.internal;

import jakarta.json.JsonValue;

/**
 * One validated publish request from a client. Immutable.
 *
 * @param topic validated topic
 * @param event validated event name
 * @param data payload
 */
public record PublishRequest(String topic, String event, JsonValue data) {}
