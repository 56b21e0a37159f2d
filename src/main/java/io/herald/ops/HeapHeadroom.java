package io.herald.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.LongSupplier;

/**
 * Whether the JVM still has heap headroom: the heap in use right after the last garbage collection
 * (what the collector could not free), as a fraction of the maximum heap, against a configured
 * ceiling ({@code herald.health.max-heap-used}). Measured after collection rather than now, so
 * garbage waiting for the next collection does not count.
 *
 * <p>Thread-safe (stateless past construction); called by {@link HubHealth} on request threads.
 */
final class HeapHeadroom {
  private final double maxUsed;
  private final LongSupplier usedAfterGc;
  private final LongSupplier max;

  /**
   * @param maxUsed ceiling as a fraction of {@code max}; {@code 1} or more never reports short
   * @param usedAfterGc bytes in use after the last collection
   * @param max the most bytes the heap may grow to
   */
  HeapHeadroom(double maxUsed, LongSupplier usedAfterGc, LongSupplier max) {
    this.maxUsed = maxUsed;
    this.usedAfterGc = usedAfterGc;
    this.max = max;
  }

  /** Headroom of this JVM's heap, from its memory pools' collection usage. */
  static HeapHeadroom ofJvm(double maxUsed) {
    return new HeapHeadroom(
        maxUsed, HeapHeadroom::heapUsedAfterGc, () -> Runtime.getRuntime().maxMemory());
  }

  /** Fraction of the maximum heap in use after the last collection, 0 to 1. */
  double usedFraction() {
    long limit = max.getAsLong();
    return limit <= 0 ? 0 : (double) usedAfterGc.getAsLong() / limit;
  }

  /** True while the heap is within the ceiling. */
  boolean enough() {
    return maxUsed >= 1 || usedFraction() <= maxUsed;
  }

  private static long heapUsedAfterGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        MemoryUsage after = pool.getCollectionUsage();
        if (after != null) {
          used += after.getUsed();
        }
      }
    }
    return used;
  }
}
