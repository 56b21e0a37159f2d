package io.herald.transport.sse;

/**
 * Server-Sent Events settings, read once at start from {@code herald.sse.*}. Immutable.
 *
 * @param retryMillis reconnect delay announced to SSE clients ({@code retry:}), in milliseconds.
 *     Default {@code 2000}.
 */
public record SseSettings(long retryMillis) {}
