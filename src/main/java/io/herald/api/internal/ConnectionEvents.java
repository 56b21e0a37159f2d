package io.herald.api.internal;

import io.herald.api.ClientConnected;
import io.herald.api.ClientDisconnected;
import io.herald.hub.DaemonThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
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
 * delays only later connection events, not connections. An event no application observes is not
 * queued at all (a task, a thread hand-off and a CDI resolution per connection opened and closed).
 *
 * <p>Thread-safe; application-scoped. Called by {@code Sessions} as connections open and end.
 */
@ApplicationScoped
public class ConnectionEvents {
  private static final Logger LOG = Logger.getLogger(ConnectionEvents.class.getName());

  @Inject Event<ClientConnected> connected;
  @Inject Event<ClientDisconnected> disconnected;
  @Inject BeanManager beans;

  private ExecutorService thread;
  private boolean connectedObserved;
  private boolean disconnectedObserved;

  @PostConstruct
  void start() {
    // Observers are fixed once the application is deployed.
    connectedObserved =
        !beans.resolveObserverMethods(new ClientConnected(null, null, null)).isEmpty();
    disconnectedObserved =
        !beans.resolveObserverMethods(new ClientDisconnected(null, null, null, null)).isEmpty();
    thread = Executors.newSingleThreadExecutor(DaemonThreads.numbered("herald-events-"));
  }

  /** Queues {@link ClientConnected} if an application observes it. */
  public void connected(String transport, String caller, String address) {
    if (connectedObserved) {
      queue(() -> connected.fire(new ClientConnected(transport, caller, address)));
    }
  }

  /** Queues {@link ClientDisconnected} if an application observes it. */
  public void disconnected(String transport, String caller, String address, String reason) {
    if (disconnectedObserved) {
      queue(() -> disconnected.fire(new ClientDisconnected(transport, caller, address, reason)));
    }
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
