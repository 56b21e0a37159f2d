package io.herald.transport.ws;

import io.herald.hub.DeliveryThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Constructor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivery threads that Grizzly (Payara's and GlassFish's network layer) treats as its own worker
 * threads. Grizzly's HTTP output buffer takes a fresh heap buffer of the response's buffer size (8
 * KiB) for every write made on any other thread, and only a {@code DefaultWorkerThread} is served
 * from a per-thread pool (a slice of one large array, trimmed back after the write) and per-thread
 * object caches. Every WebSocket batch is one such write on a delivery thread: at 10,000
 * deliveries/s that was 80 MB/s of garbage, 96% of the delivery thread's allocation samples and the
 * source of most young-collection pauses in the fan-out profile (docs/benchmarks.md).
 *
 * <p>Grizzly is found through the class loader of the first WebSocket session ({@link #learn}),
 * since the application's own loader need not see the container's classes; the delivery pool starts
 * its threads lazily, on its first task, which a subscribe queues after that. Anywhere else
 * (another server, no Grizzly, no WebSocket session yet) threads are plain daemon threads, as
 * before. Either way a thread is a daemon named {@code prefix}N that runs only the pool's task.
 *
 * <p>Thread-safe; application-scoped, found by {@code HubProducer} as its {@link DeliveryThreads}.
 */
@ApplicationScoped
public class WorkerThreads implements DeliveryThreads {
  private static final Logger LOG = Logger.getLogger(WorkerThreads.class.getName());
  private static final String WORKER = "org.glassfish.grizzly.threadpool.DefaultWorkerThread";

  /** The container's class loader, from a WebSocket session; {@code null} until one is seen. */
  private static volatile ClassLoader container;

  /** Remembers the loader of a container object (a session) to find Grizzly's classes through. */
  static void learn(Object containerObject) {
    if (container == null) {
      container = containerObject.getClass().getClassLoader();
    }
  }

  @Override
  public ThreadFactory factory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      String name = prefix + n.incrementAndGet();
      Thread t = grizzlyWorker(r, name);
      if (t == null) {
        t = new Thread(r, name);
      }
      t.setDaemon(true);
      return t;
    };
  }

  /** A Grizzly worker thread running {@code task}, or {@code null} where Grizzly is not found. */
  private static Thread grizzlyWorker(Runnable task, String name) {
    ClassLoader loader = container;
    if (loader == null) {
      return null;
    }
    try {
      Class<?> worker = Class.forName(WORKER, true, loader);
      Class<?> attributes =
          Class.forName("org.glassfish.grizzly.attributes.AttributeBuilder", true, loader);
      Class<?> pool = Class.forName("org.glassfish.grizzly.memory.ThreadLocalPool", true, loader);
      Class<?> provider =
          Class.forName("org.glassfish.grizzly.memory.ThreadLocalPoolProvider", true, loader);
      Object memory =
          Class.forName("org.glassfish.grizzly.memory.MemoryManager", true, loader)
              .getField("DEFAULT_MEMORY_MANAGER")
              .get(null);
      if (!provider.isInstance(memory)) {
        return null;
      }
      Object threadPool = provider.getMethod("createThreadLocalPool").invoke(memory);
      Constructor<?> make = worker.getConstructor(attributes, String.class, pool, Runnable.class);
      Thread t =
          (Thread)
              make.newInstance(
                  attributes.getField("DEFAULT_ATTRIBUTE_BUILDER").get(null),
                  name,
                  threadPool,
                  task);
      LOG.fine(() -> name + " is a Grizzly worker thread");
      return t;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Grizzly worker threads unavailable; plain delivery threads", e);
      return null;
    }
  }
}
