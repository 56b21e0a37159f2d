package io.herald.transport.sse;

import io.herald.hub.DaemonThreads;
import io.herald.transport.ClientSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices SSE clients that left, sooner than the heartbeat: every {@code
 * herald.sse.liveness-interval} (default 5 s) it queues a heartbeat comment on each stream that has
 * written nothing for half that long. No servlet container tested tells the application that an SSE
 * client closed its socket (Grizzly, Undertow, Tomcat, Liberty, docs/servers.md); the first write
 * after the close still succeeds (the client's kernel answers it with a reset), the second fails.
 * So a quiet stream whose client left ends within about two intervals instead of two heartbeats.
 *
 * <p>Cost: at most one comment ({@code :heartbeat}, 12 bytes) per quiet stream per interval, none
 * on a stream that is delivering; a zero interval turns it off.
 *
 * <p>Thread-safe; application-scoped. {@link SseResource} adds each stream; a stream whose session
 * has ended is dropped at the next tick.
 */
@ApplicationScoped
public class SseLiveness {
  private static final Logger LOG = Logger.getLogger(SseLiveness.class.getName());

  @Inject SseSettings settings;

  private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();
  private long intervalNanos;
  private ScheduledExecutorService timer;

  @PostConstruct
  void start() {
    intervalNanos = settings.liveness().toNanos();
    if (settings.liveness().toMillis() > 0) {
      timer = DaemonThreads.scheduler("herald-sse-liveness");
      long ms = settings.liveness().toMillis();
      timer.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
    streams.clear();
  }

  /** Watches {@code stream} until its session ends. */
  void watch(SseStream stream) {
    if (timer != null) {
      streams.add(stream);
    }
  }

  /** Streams watched now (ended ones linger until the next tick). */
  int size() {
    return streams.size();
  }

  void tick() {
    long now = System.nanoTime();
    for (SseStream s : streams) {
      try {
        if (s.session().status() == ClientSession.Status.CLOSED) {
          streams.remove(s);
        } else {
          s.probe(now, intervalNanos);
        }
      } catch (RuntimeException e) {
        // One broken stream must not stop the others' checks; its heartbeat still ends it.
        LOG.log(Level.FINE, "SSE liveness check failed", e);
        streams.remove(s);
      }
    }
  }
}
