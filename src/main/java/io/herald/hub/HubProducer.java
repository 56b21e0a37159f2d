package io.herald.hub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the application's one {@link Hub} from MicroProfile Config, with its delivery pool and
 * expiry timer, and stops them on undeploy. {@code herald.store} chooses the store: {@code memory}
 * uses an application-supplied {@link History} bean if there is one, else the in-memory history;
 * any other value names a {@link Store @Store} History bean (e.g. {@code redis}), which is started
 * with the hub's {@link Hub#feed() feed}. The hub tells applications of each stored message by
 * firing {@link MessagePublished} on its announcer thread (see {@link Hub}), and the store's
 * readiness is offered as {@link StoreReadiness}.
 *
 * <p>Application-scoped; CDI calls it.
 */
@ApplicationScoped
public class HubProducer {
  private static final Logger LOG = Logger.getLogger(HubProducer.class.getName());

  @Inject HubSettings settings;

  @Inject HubWiring wiring;

  @Inject Event<MessagePublished> published;
  @Inject BeanManager beans;
  @Inject Instance<History> histories;
  @Inject @Any Instance<History> namedHistories;

  private History history;
  private Hub hub;
  private ThreadPoolExecutor pool;
  private ScheduledExecutorService timer;
  private ExecutorService announcer;

  @PostConstruct
  void start() {
    history = chooseStore();
    int threads =
        wiring.deliveryThreads() > 0
            ? wiring.deliveryThreads()
            : Runtime.getRuntime().availableProcessors();
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.numbered("herald-delivery-"));
    timer = DaemonThreads.scheduler("herald-timer");
    // The hub calls back under its lock, in id order: queueing there for one thread keeps the
    // order while application observers run off the lock, so a slow one stalls no publisher.
    announcer = Executors.newSingleThreadExecutor(DaemonThreads.numbered("herald-announcer-"));
    hub =
        new Hub(
            history,
            settings,
            pool,
            Clock.systemUTC(),
            observed() ? this::queueAnnouncement : null);
    timer.scheduleWithFixedDelay(hub::expire, 5, 5, TimeUnit.SECONDS);
    history.start(hub.feed());
  }

  /**
   * Whether any application observes {@link MessagePublished}: without one the hub is given no
   * callback, so a publish queues no announcement task per message under the hub's lock.
   */
  private boolean observed() {
    return !beans.resolveObserverMethods(new MessagePublished(null)).isEmpty();
  }

  private void queueAnnouncement(Message m) {
    announcer.execute(() -> announce(m));
  }

  private void announce(Message m) {
    try {
      published.fire(new MessagePublished(m));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a MessagePublished observer failed", e);
    }
  }

  private History chooseStore() {
    String store = wiring.store();
    if (!"memory".equals(store)) {
      Instance<History> named = namedHistories.select(new Store.Literal(store));
      if (!named.isResolvable()) {
        throw new IllegalStateException("herald.store=" + store + ": no such store");
      }
      return named.get();
    }
    return histories.isResolvable()
        ? histories.get()
        : new InMemoryHistory(settings.historyMaxCount(), settings.historyMaxAge());
  }

  /** The hub; the same instance for the application's lifetime. */
  @Produces
  public Hub hub() {
    return hub;
  }

  /** Whether the chosen store can serve now, for the readiness check. */
  @Produces
  public StoreReadiness storeReadiness() {
    return history::isAvailable;
  }

  void eager(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Starts the hub with the application rather than on first use.
  }

  @PreDestroy
  void stop() {
    long started = System.nanoTime();
    int subscribers = hub.subscriberCount();
    try {
      hub.stop();
    } finally {
      // The pools go whatever closing the subscribers did: a leaked pool outlives a redeploy.
      timer.shutdownNow();
      announcer.shutdownNow();
      pool.shutdown();
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
      }
      LOG.info(
          () ->
              String.format(
                  "Herald hub stopped: %d subscribers told to reconnect, %d ms",
                  subscribers, (System.nanoTime() - started) / 1_000_000));
    }
  }
}
