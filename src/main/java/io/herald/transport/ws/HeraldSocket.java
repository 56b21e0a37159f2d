package io.herald.transport.ws;

import io.herald.api.ClientPublisher;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.limits.LimitExceededException;
import io.herald.limits.Limits;
import io.herald.limits.Permit;
import io.herald.ops.Connection;
import io.herald.ops.Connections;
import io.herald.ops.DisconnectReason;
import io.herald.security.AccessPolicy;
import io.herald.security.Expiry;
import io.herald.security.Refusal;
import io.herald.security.TokenVerifier;
import io.herald.transport.ClientAddress;
import io.herald.transport.Heartbeats;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The WebSocket endpoint {@code /api/ws}. One instance per connection: attaches the connection to
 * the hub on open, hands each text frame to {@link WsCommands}, detaches on close or error.
 *
 * <p>Created per connection by {@link WsServices.Endpoints} with the application's services (not by
 * CDI, which would build an injection target per connection); the container calls it on its I/O
 * threads, one frame at a time per connection.
 */
@ServerEndpoint(value = "/api/ws", configurator = WsServices.Endpoints.class)
public class HeraldSocket {
  private final Hub hub;
  private final ClientPublisher publisher;
  private final AccessPolicy access;
  private final Expiry expiry;
  private final TokenVerifier tokens;
  private final Limits limits;
  private final Heartbeats heartbeats;
  private final Connections connections;
  private final WebSocketSettings settings;

  private WsConnection connection;
  private Connection tracked;
  private WsCommands commands;
  private WsAuth auth;
  private Permit permit = Permit.NONE;
  private WsHeartbeat heartbeat;
  private Runnable stopBeating = () -> {};

  /** For the container's checks; connections are created with {@link #HeraldSocket(WsServices)}. */
  public HeraldSocket() {
    this(WsServices.current());
  }

  HeraldSocket(WsServices services) {
    this.hub = services.hub;
    this.publisher = services.publisher;
    this.access = services.access;
    this.expiry = services.expiry;
    this.tokens = services.tokens;
    this.limits = services.limits;
    this.heartbeats = services.heartbeats;
    this.connections = services.connections;
    this.settings = services.settings;
  }

  @OnOpen
  public void open(Session session) {
    connection = new WsConnection(session, hub, settings.rawFrames());
    if (session.getUserPrincipal() instanceof Refusal r) {
      connection.close(WsAuth.POLICY, r.code() + ": " + r.message());
      return;
    }
    WsConnection c = connection;
    tracked =
        connections.open(
            Connections.WEBSOCKET,
            WsAddress.of(session),
            session.getUserPrincipal(),
            () -> c.close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "closed by the server"));
    try {
      permit = limits.admitStream(ClientAddress.of(session));
    } catch (LimitExceededException e) {
      tracked.mark(DisconnectReason.UNAVAILABLE);
      connection.close(e.closeCode(), e.getMessage());
      return;
    }
    session.setMaxTextMessageBufferSize(limits.maxMessageBytes());
    try {
      connection.bind(hub.attach(connection));
    } catch (HubUnavailableException e) {
      permit.close();
      tracked.mark(DisconnectReason.UNAVAILABLE);
      connection.close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "server unavailable");
      return;
    }
    heartbeat = new WsHeartbeat(connection, heartbeats.timeoutNanos());
    stopBeating = heartbeats.register(heartbeat);
    auth = new WsAuth(expiry, tokens, connection, session.getUserPrincipal());
    commands = new WsCommands(hub, publisher, access, connection.subscription(), auth);
    commands.limit(limits);
  }

  @OnMessage
  public void message(String text) {
    if (commands == null) {
      return;
    }
    heartbeat.seen();
    try {
      limits.checkSize(text);
    } catch (LimitExceededException e) {
      connection.close(e.closeCode(), e.getMessage());
      return;
    }
    commands.handle(text);
  }

  @OnMessage
  public void pong(PongMessage pong) {
    if (heartbeat != null) {
      heartbeat.seen();
    }
  }

  @OnClose
  public void close(CloseReason reason) {
    detach();
    if (tracked != null) {
      int code = reason.getCloseCode().getCode();
      tracked.closed(
          code == WsConnection.SLOW_CONSUMER
              ? DisconnectReason.OVERFLOW
              : DisconnectReason.CLIENT_CLOSED,
          code + " " + reason.getReasonPhrase());
    }
  }

  @OnError
  public void error(Throwable failure) {
    detach();
    if (tracked != null) {
      tracked.closed(DisconnectReason.ERROR, String.valueOf(failure));
    }
  }

  private void detach() {
    if (auth != null) {
      auth.cancel();
    }
    stopBeating.run();
    permit.close();
    if (connection != null && connection.subscription() != null) {
      hub.detach(connection.subscription());
    }
  }
}
