package io.herald.bench;

/** How the load generator talks to one target: which protocol and which dialect of it. */
enum Kind {
  /** Herald's {@code /api/ws}: subscribe frame, wait for {@code subscribed}. */
  HERALD_WS("WebSocket"),
  /** A server that pushes the published body as one text frame to every connection. */
  PLAIN_WS("WebSocket"),
  /** socket.io 4 (Engine.IO v4 over WebSocket): {@code 40} connect, {@code 42["m",…]} events. */
  SOCKETIO("WebSocket"),
  /** Herald's {@code /api/sse} or the JAX-RS broadcaster: ready on the {@code subscribed} event. */
  SSE("SSE"),
  /**
   * Herald's {@code /api/poll}: re-polls with the returned cursor as soon as a response arrives.
   */
  LONG_POLL("long poll"),
  /** Herald's {@code /api/messages}: polls with the cursor once per interval. */
  SHORT_POLL("short poll");

  final String transport;

  Kind(String transport) {
    this.transport = transport;
  }

  boolean webSocket() {
    return transport.equals("WebSocket");
  }
}
