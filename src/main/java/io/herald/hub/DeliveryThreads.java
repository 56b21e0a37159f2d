package io.herald.hub;

import java.util.concurrent.ThreadFactory;

/**
 * Where the hub's delivery pool gets its threads when the deployment knows a better kind than a
 * plain daemon thread: e.g. the container's own I/O worker threads, which its writers serve from a
 * per-thread buffer pool instead of allocating a fresh buffer for every write. Optional: without a
 * bean of this type {@link HubProducer} uses {@link DaemonThreads#numbered}.
 *
 * <p>Implementations are thread-safe; {@link HubProducer} asks for one factory at start, and the
 * pool calls it whenever it starts a thread (lazily, on its first task).
 */
public interface DeliveryThreads {
  /** Daemon threads named {@code prefix1}, {@code prefix2}, … */
  ThreadFactory factory(String prefix);
}
