package io.herald.ops;

import io.herald.api.Herald;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Names;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the admin page live through Herald itself: once a second, while anyone subscribes to the
 * feed topic, publishes the {@link Overview} snapshot there as event {@code stats}. The topic is
 * internal ({@link Names#INTERNAL_PREFIX}): no client pattern reaches it, nobody may publish to it,
 * and only callers in the {@code herald-admin} role may subscribe ({@code AccessPolicy}); the admin
 * page gets such a caller's ticket from the admin API. Its name is no secret.
 *
 * <p>Thread-safe; application-scoped and started with the application.
 */
@ApplicationScoped
public class AdminFeed {
  private static final Logger LOG = Logger.getLogger(AdminFeed.class.getName());

  /** Event name of the snapshots on the feed topic. */
  public static final String EVENT = "stats";

  /** The feed's topic. */
  public static final String TOPIC = Names.INTERNAL_PREFIX + "admin";

  @Inject Hub hub;
  @Inject Herald herald;
  @Inject Overview overview;

  @Inject OpsTimer timer;

  private ScheduledFuture<?> ticks;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ticks = timer.every(this::tick, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @PreDestroy
  void stop() {
    if (ticks != null) {
      ticks.cancel(false);
    }
  }

  /** The feed's topic. */
  public String topic() {
    return TOPIC;
  }

  void tick() {
    try {
      overview.rates();
      if (hub.isRunning() && hub.subscriberCount(TOPIC) > 0) {
        herald.publish(TOPIC, EVENT, overview.snapshot(TOPIC));
      }
    } catch (HubUnavailableException e) {
      // Stopped between the check and the publish; the next tick sees it.
    } catch (RuntimeException e) {
      // A failing tick must not cancel the schedule.
      LOG.log(Level.WARNING, "admin feed tick failed", e);
    }
  }
}
