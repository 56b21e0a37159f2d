package io.herald.api;

/**
 * CDI event fired once a client connection is open: a WebSocket, an SSE stream or a parked long
 * poll. Fired on Herald's event thread, never the connection's I/O thread, in the order connections
 * opened and ended; its {@link ClientDisconnected} comes after it.
 *
 * <p>Immutable; applications may construct it in their own unit tests.
 *
 * @param transport {@code "websocket"}, {@code "sse"} or {@code "long-poll"}
 * @param caller the authenticated caller's name, or {@code null} when anonymous
 * @param address the client's address (as the trusted proxies report it)
 */
public record ClientConnected(String transport, String caller, String address) {}
