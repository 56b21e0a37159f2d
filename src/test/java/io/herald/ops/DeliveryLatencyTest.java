package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.Quantiles;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The delivery-latency window: exact counts and sums, quantiles within a bucket, slots turning. */
class DeliveryLatencyTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final DeliveryLatency latency = new DeliveryLatency(now::get);

  @Test
  void smallSamplesAreExactAndQuantilesAreRanks() {
    for (long ms = 1; ms <= 100; ms++) {
      latency.record(ms);
    }
    latency.record(-5);
    Quantiles q = latency.quantiles(0.5, 0.99, 1.0);
    assertEquals(0.050, q.get(0).getValue());
    assertEquals(0.099, q.get(1).getValue());
    assertEquals(0.100, q.get(2).getValue());
    assertEquals(101, latency.count());
    assertEquals(5.050, latency.sumSeconds(), 1e-9);
  }

  @Test
  void largeSamplesAreReportedAsTheirBucketsMiddleWithinAHalfPercent() {
    for (long ms : new long[] {256, 1500, 59_999, 3_600_000, 1L << 40}) {
      double middle = DeliveryLatency.middle(DeliveryLatency.bucket(ms));
      double cap = (1L << 33) * 1.0;
      assertTrue(
          Math.abs(middle - Math.min(ms, cap)) <= Math.min(ms, cap) / 200.0, ms + " → " + middle);
    }
    assertEquals(1500.0, DeliveryLatency.middle(DeliveryLatency.bucket(1500)));
    for (int b = 0; b < DeliveryLatency.BUCKETS; b++) {
      assertEquals(b, DeliveryLatency.bucket((long) Math.floor(DeliveryLatency.middle(b))));
    }
  }

  @Test
  void theWindowForgetsSamplesOlderThanFiveSlotsButTheTotalsDoNot() {
    latency.record(10);
    now.addAndGet(4 * 120_000);
    latency.record(20);
    assertEquals(0.010, latency.quantiles(0.0).get(0).getValue());
    now.addAndGet(120_000);
    assertEquals(0.020, latency.quantiles(0.0).get(0).getValue());
    now.addAndGet(5 * 120_000);
    assertTrue(Double.isNaN(latency.quantiles(0.5).get(0).getValue()));
    assertEquals(2, latency.count());
    assertEquals(0.030, latency.sumSeconds(), 1e-9);
  }
}
