package io.herald.transport;

import io.herald.hub.DaemonThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Beats every open stream at {@code herald.heartbeat.interval} (default 25 s) on one timer thread:
 * WebSocket connections send a ping frame, SSE streams a comment line. Each beat is also when a
 * connection checks its own health (no pong, no frame, or a write stuck for {@link #timeout()}) and
 * closes itself, so a dead or stalled client is freed within about two intervals. Writing is also
 * what reveals most dropped clients: JAX-RS SSE gets no disconnect callback (Payara#2897,
 * Jersey#2711), but a write to a closed connection fails.
 *
 * <p>Thread-safe; application-scoped. Transports register on open and unregister on close.
 */
@ApplicationScoped
public class Heartbeats {
  private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

  /** One connection's heartbeat. */
  @FunctionalInterface
  public interface Beat {
    /**
     * Sends a heartbeat, or closes the connection if it missed the previous ones. Must not block;
     * called on the timer thread.
     *
     * @param nowNanos {@link System#nanoTime()} at this tick
     */
    void beat(long nowNanos);
  }

  @Inject HeartbeatSettings settings;

  private final Set<Beat> beats = ConcurrentHashMap.newKeySet();
  private Duration interval;
  private ScheduledExecutorService timer;

  @PostConstruct
  void start() {
    interval = settings.interval();
    timer = DaemonThreads.scheduler("herald-heartbeat");
    long ms = interval.toMillis();
    timer.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
    beats.clear();
  }

  /** Heartbeat period. */
  public Duration interval() {
    return interval;
  }

  /** How long a connection may go without a sign of life (or a write stay stuck): 2 intervals. */
  public long timeoutNanos() {
    return interval.toNanos() * 2;
  }

  /** Same as {@link #timeoutNanos()}, as a duration. */
  public Duration timeout() {
    return interval.multipliedBy(2);
  }

  /** Starts beating {@code beat}; the returned handle stops it (idempotent). */
  public Runnable register(Beat beat) {
    beats.add(beat);
    return () -> beats.remove(beat);
  }

  /** Connections currently beating. */
  public int size() {
    return beats.size();
  }

  private void tick() {
    long now = System.nanoTime();
    for (Beat b : beats) {
      try {
        b.beat(now);
      } catch (RuntimeException e) {
        // One broken connection must not stop everyone else's heartbeat.
        LOG.log(Level.FINE, "heartbeat failed", e);
        beats.remove(b);
      }
    }
  }
}
