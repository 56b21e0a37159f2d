package io.herald.demo;

import io.herald.hub.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * Samples the server's own vital signs: CPU load, heap, threads, and Herald's subscriber and topic
 * counts.
 *
 * <p>Application-scoped and thread-safe (it only reads platform MXBeans and the hub).
 */
@ApplicationScoped
public class SystemMonitor {
  @Inject Hub hub;

  /** One sample, published on {@code demo/system} as event {@code stats}. */
  public Stats sample() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double cpu = -1;
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      cpu = sun.getProcessCpuLoad();
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Stats(
        cpu < 0 ? -1 : Math.round(cpu * 1000) / 10.0,
        os.getSystemLoadAverage(),
        os.getAvailableProcessors(),
        heap.getUsed() >> 20,
        heap.getMax() >> 20,
        ManagementFactory.getThreadMXBean().getThreadCount(),
        hub.subscriberCount(),
        hub.topicCounts().size());
  }

  /**
   * A sample as published.
   *
   * @param cpuPercent this process's CPU use, 0-100 (-1 if unknown)
   * @param loadAverage system load average over the last minute (-1 if unknown)
   * @param cores available processors
   * @param heapUsedMb heap in use, MiB
   * @param heapMaxMb heap limit, MiB
   * @param threads live JVM threads
   * @param subscribers attached subscribers (connections and parked polls)
   * @param topics topics with at least one subscriber
   */
  public record Stats(
      double cpuPercent,
      double loadAverage,
      int cores,
      long heapUsedMb,
      long heapMaxMb,
      int threads,
      int subscribers,
      int topics) {}
}
