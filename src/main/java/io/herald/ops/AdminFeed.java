package io.herald.ops;

import io.herald.api.Herald;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the admin page live through Herald itself: once a second, while anyone subscribes to the
 * feed topic, publishes the {@link Overview} snapshot there as event {@code stats}. The topic name
 * is random per start and only handed out by the admin API, so until topic permissions exist only
 * admins learn it.
 *
 * <p>Thread-safe; application-scoped and started with the application.
 */
@ApplicationScoped
public class AdminFeed {
  private static final Logger LOG = Logger.getLogger(AdminFeed.class.getName());

  /** Event name of the snapshots on the feed topic. */
  public static final String EVENT = "stats";

  private final String topic = "herald-admin." + HexFormat.of().formatHex(random(16));

  @Inject Hub hub;
  @Inject Herald herald;
  @Inject Overview overview;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> ticks;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ticks = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (ticks != null) {
      ticks.cancel(false);
    }
  }

  /** The feed's topic. */
  public String topic() {
    return topic;
  }

  void tick() {
    try {
      overview.rates();
      if (hub.isRunning() && hub.subscriberCount(topic) > 0) {
        herald.publish(topic, EVENT, overview.snapshot(topic));
      }
    } catch (HubUnavailableException e) {
      // Stopped between the check and the publish; the next tick sees it.
    } catch (RuntimeException e) {
      // A failing tick must not cancel the schedule.
      LOG.log(Level.WARNING, "admin feed tick failed", e);
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
