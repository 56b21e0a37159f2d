package io.herald.transport.ws;

import io.herald.api.internal.ClientPublisher;
import io.herald.api.internal.ClientRequests;
import io.herald.api.internal.SubscribeGate;
import io.herald.error.CloseCode;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.limits.LimitExceededException;
import io.herald.limits.Limits;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import io.herald.security.Refusal;
import io.herald.security.TokenVerifier;
import io.herald.transport.ClientAddress;
import io.herald.transport.PeerGone;
import io.herald.transport.PresenceSettings;
import io.herald.transport.Sessions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The WebSocket endpoint {@code /api/ws}. One instance per connection: opens the connection's
 * session on open, hands each text frame to {@link WsCommands}, ends the session on close or error.
 *
 * <p>Created per connection by {@link WsServices.Endpoints} with the application's services (not by
 * CDI, which would build an injection target per connection); the container calls it on its I/O
 * threads, one frame at a time per connection.
 */
@ServerEndpoint(
    value = "/api/ws",
    subprotocols = Subprotocols.V1,
    configurator = WsServices.Endpoints.class)
public class HeraldSocket {
  private final Hub hub;
  private final ClientPublisher publisher;
  private final SubscribeGate access;
  private final TokenVerifier tokens;
  private final Limits limits;
  private final Sessions sessions;
  private final WebSocketSettings settings;
  private final ClientRequests requests;
  private final PresenceSettings presence;

  /** This connection's frames go here once it is open; until then, and after a refusal, nowhere. */
  private WsFrames frames = WsFrames.IGNORED;

  /** For the container's checks; connections are created with {@link #HeraldSocket(WsServices)}. */
  public HeraldSocket() {
    this(WsServices.current());
  }

  HeraldSocket(WsServices services) {
    this.hub = services.hub;
    this.publisher = services.publisher;
    this.access = services.access;
    this.tokens = services.tokens;
    this.limits = services.limits;
    this.sessions = services.sessions;
    this.settings = services.settings;
    this.requests = services.requests;
    this.presence = services.presence;
  }

  @OnOpen
  public void open(Session session) {
    if (session.getUserPrincipal() instanceof Refusal r) {
      WsConnection.close(session, CloseCode.POLICY_VIOLATION, r.code() + ": " + r.message());
      return;
    }
    if (session.getUserProperties().get(Subprotocols.REFUSED) instanceof String offered) {
      WsConnection.close(
          session,
          CloseCode.PROTOCOL_ERROR,
          "unsupported-subprotocol: " + offered + " (this server speaks " + Subprotocols.V1 + ")");
      return;
    }
    WsConnection connection;
    try {
      connection =
          sessions.open(
              TransportKind.WEBSOCKET,
              ClientAddress.of(session),
              session.getUserPrincipal(),
              s ->
                  new WsConnection(
                      session,
                      sessions.heartbeatTimeoutNanos(),
                      // Raw frames bypass Tyrus's extensions: a compressed connection sends through
                      // the standard remote so its messages are compressed.
                      settings.rawFrames() && session.getNegotiatedExtensions().isEmpty(),
                      Subprotocols.V1.equals(session.getNegotiatedSubprotocol()),
                      s));
    } catch (LimitExceededException e) {
      WsConnection.close(session, e.failure().close(), e.getMessage());
      return;
    } catch (HubUnavailableException e) {
      WsConnection.close(session, CloseCode.TRY_AGAIN_LATER, "server unavailable");
      return;
    }
    session.setMaxTextMessageBufferSize(limits.maxMessageBytes());
    session.setMaxBinaryMessageBufferSize(limits.maxMessageBytes());
    WsCommands commands =
        new WsCommands(
            hub,
            publisher,
            access,
            connection.client().outbox(),
            new WsAuth(tokens, connection.client()));
    commands.limit(limits);
    commands.answerRequests(requests);
    commands.presence(presence);
    frames = new WsFrames.Open(connection, commands, limits);
  }

  @OnMessage
  public void message(String text) {
    frames.text(text);
  }

  @OnMessage
  public void binary(ByteBuffer bytes) {
    frames.binary(bytes);
  }

  @OnMessage
  public void pong(PongMessage pong) {
    frames.alive();
  }

  @OnClose
  public void close(CloseReason reason) {
    int code = reason.getCloseCode().getCode();
    if (FrameOverflow.is(reason)) {
      String tooBig = "a message may be at most " + limits.maxMessageBytes() + " bytes";
      boolean answered =
          frames instanceof WsFrames.Open open
              && FrameOverflow.answer(open.connection().raw(), tooBig);
      frames.ended(
          DisconnectReason.SERVER_CLOSED,
          answered ? CloseCode.MESSAGE_TOO_BIG.code() + " " + tooBig : code + " frame too large");
      return;
    }
    frames.ended(reasonFor(code), code + " " + reason.getReasonPhrase());
  }

  /**
   * The reason a close the container reports with {@code code} is counted under, when Herald did
   * not send it ({@link WsConnection#closingFor()} covers those): 1009 is the container's own
   * message size limit (Open Liberty closes so before Herald sees the frame), so {@code
   * server-closed} as on servers where Herald sends it; anything else is the client closing.
   */
  static DisconnectReason reasonFor(int code) {
    if (code == CloseCode.SLOW_CONSUMER.code()) {
      return DisconnectReason.OVERFLOW;
    }
    return code == CloseCode.MESSAGE_TOO_BIG.code()
        ? DisconnectReason.SERVER_CLOSED
        : DisconnectReason.CLIENT_CLOSED;
  }

  @OnError
  public void error(Throwable failure) {
    frames.ended(
        PeerGone.is(failure) ? DisconnectReason.CLIENT_CLOSED : DisconnectReason.ERROR,
        String.valueOf(failure));
  }
}
