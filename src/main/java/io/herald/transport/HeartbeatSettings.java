package io.herald.transport;

import java.time.Duration;

/**
 * How often {@link Heartbeats} beats, read once at start from {@code herald.heartbeat.interval}.
 * Immutable.
 *
 * @param interval heartbeat period: WebSocket ping frames and SSE comment lines; a connection
 *     silent or stuck for two periods is closed. Default 25 seconds ({@code PT25S}).
 */
public record HeartbeatSettings(Duration interval) {}
