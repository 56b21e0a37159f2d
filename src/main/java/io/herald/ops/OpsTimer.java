package io.herald.ops;

import io.herald.hub.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread ({@code herald-ops}) that runs the operations package's periodic work: the admin
 * feed's ticks and the metrics' topic refresh. Herald owns it rather than using the container's
 * {@code ManagedScheduledExecutorService}, because Payara leaves that resource uninjected on a hot
 * reload (the deployment then fails half-started, see Payara#4211), and a thread we own is one we
 * can prove gone after undeploy.
 *
 * <p>Thread-safe; application-scoped; stopped with the application.
 */
@ApplicationScoped
public class OpsTimer {
  private final ScheduledExecutorService timer = DaemonThreads.scheduler("herald-ops");

  /** Runs {@code task} every {@code period} after {@code initial}, until cancelled or stopped. */
  public ScheduledFuture<?> every(Runnable task, Duration initial, Duration period) {
    return timer.scheduleWithFixedDelay(
        task, initial.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
