package io.herald.limits;

/**
 * The protective limits {@link Limits} enforces, read once at start from {@code herald.limits.*}.
 * Immutable.
 *
 * @param maxMessageBytes largest WebSocket text frame or HTTP request body, in UTF-8 bytes. Default
 *     {@code 65536}.
 * @param maxTopicsPerConnection most topics one WebSocket, SSE stream or poll may hold. Default
 *     {@code 100}.
 * @param maxConnectionsPerAddress most WebSocket + SSE + parked-poll connections from one client
 *     address. Default {@code 100}.
 * @param publishRate WebSocket publishes per second per connection. Default {@code 50}.
 * @param publishBurst publishes allowed in a burst above {@code publishRate}. Default {@code 100}.
 * @param httpPublishRate HTTP publish requests per second per client address, burst twice that;
 *     {@code 0} or less turns the limit off. Default {@code 20}.
 * @param maxStreams open WebSocket + SSE streams, server-wide. Default {@code 10000}.
 * @param maxParkedPolls parked long polls, server-wide. Default {@code 10000}.
 * @param retryAfterSeconds {@code Retry-After} seconds sent with 429 {@code too-many-connections}
 *     and 503 {@code overloaded}. Default {@code 5}.
 * @param historyPageMaxMessages largest {@code limit} a history answer (poll, history request)
 *     accepts. Default {@code 1000}.
 * @param historyPageMaxBytes about most bytes of message JSON in one history answer; a longer one
 *     says there is more. Default {@code 1048576}.
 * @param subscribeRate WebSocket {@code subscribe} + {@code unsubscribe} frames per second per
 *     connection. Default {@code 20}.
 * @param subscribeBurst such frames allowed in a burst above {@code subscribeRate}. Default {@code
 *     40}.
 */
public record LimitSettings(
    int maxMessageBytes,
    int maxTopicsPerConnection,
    int maxConnectionsPerAddress,
    double publishRate,
    double publishBurst,
    double httpPublishRate,
    int maxStreams,
    int maxParkedPolls,
    int retryAfterSeconds,
    int historyPageMaxMessages,
    int historyPageMaxBytes,
    double subscribeRate,
    double subscribeBurst) {}
