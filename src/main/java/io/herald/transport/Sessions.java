package io.herald.transport;

import io.herald.api.internal.ConnectionEvents;
import io.herald.hub.Hub;
import io.herald.hub.Outbox;
import io.herald.hub.Subscriber;
import io.herald.limits.Limits;
import io.herald.ops.Connection;
import io.herald.ops.Connections;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import io.herald.security.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens {@link ClientSession}s with Herald's limits, hub, heartbeats, connection registry and token
 * expiry: the one call every transport endpoint makes to hold a connection open. Registering a
 * connection and reporting its end also tell applications ({@link ConnectionEvents}).
 *
 * <p>Thread-safe; application-scoped. Called by the transport endpoints.
 */
@ApplicationScoped
public class Sessions {
  @Inject Hub hub;
  @Inject Limits limits;
  @Inject Heartbeats heartbeats;
  @Inject Connections connections;
  @Inject Expiry expiry;
  @Inject ConnectionEvents events;

  private final ClientSession.Services services = new Services();

  /**
   * Opens a session for one connection.
   *
   * @param kind the transport
   * @param address the client address ({@link ClientAddress}), for the limit and the log
   * @param caller the authenticated principal, or {@code null}
   * @param adapter builds the transport adapter, given its session
   * @return the adapter, its session open
   * @throws io.herald.limits.LimitExceededException if a connection limit refuses it
   * @throws io.herald.hub.HubUnavailableException if the hub is stopped
   */
  public <T extends Transport> T open(
      TransportKind kind, String address, Principal caller, Function<ClientSession, T> adapter) {
    return ClientSession.open(services, kind, address, caller, adapter);
  }

  /** The heartbeat timeout, for transports that watch their own writes. */
  public long heartbeatTimeoutNanos() {
    return heartbeats.timeoutNanos();
  }

  /** Herald's limits, hub, heartbeats, registry and expiry, as a session takes them. */
  private final class Services implements ClientSession.Services {
    @Override
    public Runnable admit(TransportKind kind, String address) {
      return switch (kind) {
        case LONG_POLL -> limits.admitPoll(address)::close;
        case WEBSOCKET, SSE -> limits.admitStream(address)::close;
      };
    }

    @Override
    public Outbox attach(Subscriber subscriber) {
      return hub.attach(subscriber);
    }

    @Override
    public void detach(Outbox outbox) {
      hub.detach(outbox);
    }

    @Override
    public Runnable beat(Heartbeats.Beat beat) {
      return heartbeats.register(beat);
    }

    @Override
    public ClientSession.Report register(
        TransportKind kind, String address, Principal caller, Consumer<DisconnectReason> closer) {
      Connection c = connections.open(kind, address, caller, closer);
      String name = caller == null ? null : caller.getName();
      events.connected(kind.label(), name, address);
      AtomicBoolean ended = new AtomicBoolean();
      return (reason, detail) -> {
        c.closed(reason, detail);
        if (ended.compareAndSet(false, true)) {
          events.disconnected(kind.label(), name, address, reason.label());
        }
      };
    }

    @Override
    public Future<?> onExpiry(Principal caller, Runnable action) {
      return expiry.onExpiry(caller, action);
    }
  }
}
