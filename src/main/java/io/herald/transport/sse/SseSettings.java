package io.herald.transport.sse;

import java.time.Duration;

/**
 * Server-Sent Events settings, read once at start from {@code herald.sse.*}. Immutable.
 *
 * @param retryMillis reconnect delay announced to SSE clients ({@code retry:}), in milliseconds.
 *     Default {@code 2000}.
 * @param liveness how long a stream may write nothing before {@link SseLiveness} writes a comment
 *     to find out whether its client is still there; zero turns that off. Default {@code PT5S}.
 */
public record SseSettings(long retryMillis, Duration liveness) {}
