package io.herald.transport.ws;

import io.herald.api.internal.ClientPublisher;
import io.herald.api.internal.ClientRequests;
import io.herald.api.internal.SubscribeGate;
import io.herald.hub.Hub;
import io.herald.limits.Limits;
import io.herald.security.TokenVerifier;
import io.herald.transport.ClientAddress;
import io.herald.transport.PresenceSettings;
import io.herald.transport.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * What every WebSocket connection needs from the application, injected once. {@link HeraldSocket}
 * instances are created by {@link Endpoints} with these rather than by CDI: Tyrus's CDI provider
 * builds and validates a new injection target for every connection (measured as a sizeable part of
 * the set-up cost, docs/benchmarks.md), while the services themselves are application-scoped.
 *
 * <p>Application-scoped; its fields are client proxies, safe to share between connections.
 */
@ApplicationScoped
public class WsServices {
  private static volatile WsServices current;

  @Inject Hub hub;
  @Inject ClientPublisher publisher;
  @Inject SubscribeGate access;
  @Inject TokenVerifier tokens;
  @Inject Limits limits;
  @Inject Sessions sessions;
  @Inject WebSocketSettings settings;
  @Inject ClientRequests requests;
  @Inject PresenceSettings presence;

  /** What the handshakes negotiate, from {@link WebSocketSettings#compression()}. */
  private volatile Compression compression = Compression.of(false);

  void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    compression = Compression.of(settings.compression());
    current = this;
  }

  /** This application's instance (looked up once if a connection comes before start-up ends). */
  static WsServices current() {
    WsServices s = current;
    if (s == null) {
      s = CDI.current().select(WsServices.class).get();
      current = s;
    }
    return s;
  }

  /**
   * Creates {@link HeraldSocket} endpoints with the application's services; the container calls it
   * once per connection.
   */
  public static final class Endpoints extends ServerEndpointConfig.Configurator {
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
      if (endpointClass != HeraldSocket.class) {
        return super.getEndpointInstance(endpointClass);
      }
      return endpointClass.cast(new HeraldSocket(current()));
    }

    /**
     * Hands the client address {@link io.herald.transport.ClientAddressFilter} found for this
     * upgrade request to the connection: since WebSocket 2.1 the session's user properties are a
     * copy of these as this method leaves them, and Tomcat and Tyrus pass a per-connection copy.
     */
    @Override
    public void modifyHandshake(
        ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      super.modifyHandshake(config, request, response);
      ClientAddress.capture(config.getUserProperties());
      String refused = Subprotocols.refused(Subprotocols.offered(request.getHeaders()));
      if (refused != null) {
        config.getUserProperties().put(Subprotocols.REFUSED, refused);
      } else {
        config.getUserProperties().remove(Subprotocols.REFUSED);
      }
    }

    /** permessage-deflate when configured and offered ({@link Compression}); else none. */
    @Override
    public List<Extension> getNegotiatedExtensions(
        List<Extension> installed, List<Extension> requested) {
      return current().compression.negotiate(installed, requested);
    }

    /** Selects {@code herald.v1} when offered; otherwise none (see {@link Subprotocols}). */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
      return requested.contains(Subprotocols.V1) ? Subprotocols.V1 : "";
    }
  }
}
