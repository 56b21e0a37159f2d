package io.herald.bench;

import java.util.List;

/**
 * The targets of a run, by port: Herald on {@code port}, the Jakarta peers on +1, socket.io on +2,
 * the NIO ceiling on +3. {@code herald-ws-deflate} and {@code herald-ws-binary} are Herald's
 * WebSocket with another {@link Encoding}, measured only in the encoding-cost scenario.
 */
final class Targets {
  private Targets() {}

  static List<Target> all(int port) {
    return List.of(
        new Target(
            "herald-ws", "Herald WebSocket", Kind.HERALD_WS, port, "/api/ws", "/api/publish", true),
        new Target(
            "herald-ws-deflate",
            "Herald WebSocket, permessage-deflate",
            Kind.HERALD_WS,
            port,
            "/api/ws",
            "/api/publish",
            true,
            Encoding.DEFLATE),
        new Target(
            "herald-ws-binary",
            "Herald WebSocket, binary frames",
            Kind.HERALD_WS,
            port,
            "/api/ws",
            "/api/publish",
            true,
            Encoding.BINARY),
        new Target(
            "herald-sse",
            "Herald SSE",
            Kind.SSE,
            port,
            "/api/sse?topic=bench",
            "/api/publish",
            true),
        new Target(
            "herald-longpoll", "Herald long poll", Kind.LONG_POLL, port, "", "/api/publish", true),
        new Target(
            "herald-shortpoll",
            "Herald short poll",
            Kind.SHORT_POLL,
            port,
            "",
            "/api/publish",
            true),
        new Target(
            "plain-ws",
            "Plain Jakarta WebSocket",
            Kind.PLAIN_WS,
            port + 1,
            "/peers/ws",
            "/peers/api/publish",
            false),
        new Target(
            "plain-sse",
            "Plain JAX-RS SseBroadcaster",
            Kind.SSE,
            port + 1,
            "/peers/api/sse",
            "/peers/api/publish",
            false),
        new Target(
            "socketio",
            "socket.io 4 (Node)",
            Kind.SOCKETIO,
            port + 2,
            "/socket.io/?EIO=4&transport=websocket",
            "/publish",
            false),
        new Target(
            "nio-ceiling",
            "Raw NIO fan-out (ceiling)",
            Kind.PLAIN_WS,
            port + 3,
            "/ws",
            "/publish",
            false));
  }
}
