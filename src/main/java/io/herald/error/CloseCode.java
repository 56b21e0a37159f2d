package io.herald.error;

/**
 * Every WebSocket close code Herald's server sends, with whether the client should reconnect (and
 * resume from its cursor) after it. herald.js mirrors this table one to one in {@code
 * src/main/js/codes.js}; {@code CloseCodeTableTest} fails the build if the two differ.
 *
 * <p>Immutable. Used by the WebSocket transport wherever it closes a connection.
 */
public enum CloseCode {
  /** Normal closure. */
  NORMAL(1000, false),
  /** Server stopping, application undeployed, or the connection closed by an operator. */
  GOING_AWAY(1001, true),
  /** The handshake offered only subprotocols this server does not speak (it speaks herald.v1). */
  PROTOCOL_ERROR(1002, false),
  /** Refused credentials at connect, or the token expired on a live connection. */
  POLICY_VIOLATION(1008, false),
  /** A text frame over {@code herald.limits.max-message-bytes}. */
  MESSAGE_TOO_BIG(1009, true),
  /** Server at its stream cap, or the hub unavailable: come back later. */
  TRY_AGAIN_LATER(1013, true),
  /** No pong or frame for two heartbeat periods, or a send stuck that long. */
  HEARTBEAT_MISSED(4000, true),
  /** The connection's outbound queue overflowed: it fell behind. */
  SLOW_CONSUMER(4008, true),
  /** Too many connections from the client's address. */
  TOO_MANY_CONNECTIONS(4029, true);

  private final int code;
  private final boolean reconnect;

  CloseCode(int code, boolean reconnect) {
    this.code = code;
    this.reconnect = reconnect;
  }

  /** The numeric code sent in the close frame. */
  public int code() {
    return code;
  }

  /** Whether the client should reconnect (resuming from its cursor) after this close. */
  public boolean reconnect() {
    return reconnect;
  }
}
