package io.herald.api;

/**
 * CDI event fired once a client connection has ended and Herald has released what it held. Fired on
 * Herald's event thread, after the connection's {@link ClientConnected}.
 *
 * <p>Immutable; applications may construct it in their own unit tests.
 *
 * @param transport {@code "websocket"}, {@code "sse"} or {@code "long-poll"}
 * @param caller the authenticated caller's name, or {@code null} when anonymous
 * @param address the client's address
 * @param reason why it ended, as in the connection log, e.g. {@code client-closed}
 */
public record ClientDisconnected(String transport, String caller, String address, String reason) {}
