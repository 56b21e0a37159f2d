package io.herald.api.internal;

import io.herald.api.ClientConnected;
import io.herald.api.ClientDisconnected;
import io.herald.hub.DaemonThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires {@link ClientConnected} and {@link ClientDisconnected} for the connection lifecycle, on one
 * thread of its own ({@code herald-events}): never on a connection's I/O thread, and in the order
 * the lifecycle reported them, so a connection's disconnect follows its connect. A slow observer
 * delays only later connection events, not connections.
 *
 * <p>Thread-safe; application-scoped. Called by {@code Sessions} as connections open and end.
 */
@ApplicationScoped
public class ConnectionEvents {
  private static final Logger LOG = Logger.getLogger(ConnectionEvents.class.getName());

  @Inject Event<ClientConnected> connected;
  @Inject Event<ClientDisconnected> disconnected;

  private ExecutorService thread;

  @PostConstruct
  void start() {
    thread = Executors.newSingleThreadExecutor(DaemonThreads.numbered("herald-events-"));
  }

  /** Queues {@link ClientConnected}. */
  public void connected(String transport, String caller, String address) {
    queue(() -> connected.fire(new ClientConnected(transport, caller, address)));
  }

  /** Queues {@link ClientDisconnected}. */
  public void disconnected(String transport, String caller, String address, String reason) {
    queue(() -> disconnected.fire(new ClientDisconnected(transport, caller, address, reason)));
  }

  private void queue(Runnable fire) {
    try {
      thread.execute(
          () -> {
            try {
              fire.run();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "a connection event observer failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Undeploying: connections closed by the shutdown are not announced.
    }
  }

  @PreDestroy
  void stop() {
    thread.shutdownNow();
  }
}
