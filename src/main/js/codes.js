// Close codes Herald's server sends on a WebSocket, mirrored one to one from
// io.herald.error.CloseCode (CloseCodeTableTest fails the build if the two differ).
// reconnect: whether the client should reconnect (and resume from its cursor) after it.
export const CLOSE_CODES = Object.freeze({
  NORMAL: { code: 1000, reconnect: false },
  GOING_AWAY: { code: 1001, reconnect: true },
  PROTOCOL_ERROR: { code: 1002, reconnect: false },
  POLICY_VIOLATION: { code: 1008, reconnect: false },
  MESSAGE_TOO_BIG: { code: 1009, reconnect: true },
  TRY_AGAIN_LATER: { code: 1013, reconnect: true },
  HEARTBEAT_MISSED: { code: 4000, reconnect: true },
  SLOW_CONSUMER: { code: 4008, reconnect: true },
  TOO_MANY_CONNECTIONS: { code: 4029, reconnect: true },
});
