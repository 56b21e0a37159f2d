package io.herald.demo;

import io.herald.api.Herald;
import io.herald.config.DemoSettings;
import io.herald.hub.DaemonThreads;
import io.herald.hub.HubUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the demo publishers when the application starts (if {@code herald.demo.enabled}) and stops
 * them with it. Owns one single-threaded scheduler, so each publisher runs on one thread.
 *
 * <p>Application-scoped; CDI calls it.
 */
@ApplicationScoped
public class DemoPublishers {
  private static final Logger LOG = Logger.getLogger(DemoPublishers.class.getName());

  @Inject Herald herald;
  @Inject SystemMonitor monitor;

  @Inject DemoSettings settings;

  private ScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!settings.enabled()) {
      return;
    }
    scheduler = DaemonThreads.scheduler("herald-demo");
    PriceTicker ticker = new PriceTicker(System.nanoTime());
    scheduler.scheduleAtFixedRate(
        guarded("demo/prices", () -> herald.publish("demo/prices", "tick", ticker.next())),
        settings.priceIntervalMillis(),
        settings.priceIntervalMillis(),
        TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(
        guarded("demo/system", () -> herald.publish("demo/system", "stats", monitor.sample())),
        1,
        1,
        TimeUnit.SECONDS);
  }

  /** A failed tick is logged and the schedule carries on (a thrown exception would cancel it). */
  private static Runnable guarded(String topic, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (HubUnavailableException e) {
        // Shutting down.
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "demo publisher for " + topic + " failed", e);
      }
    };
  }

  @PreDestroy
  void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
