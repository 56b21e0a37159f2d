package io.herald.ops;

import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The delivery-latency summary's data: a count, a sum and quantiles over the last 8–10 minutes,
 * recorded with one counter increment per sample. It replaces the Prometheus client's {@code
 * Summary}, whose {@code observe} inserted every sample into five CKMS quantile estimators (one per
 * age bucket) under their locks: about 40% of the delivery thread's samples in a light-load profile
 * (docs/benchmarks.md), since it is called once per delivered batch.
 *
 * <p>Samples are milliseconds, counted in log-linear buckets: exact below 256 ms, then 128 buckets
 * per power of two (a quantile is off by less than 0.4%, reported as its bucket's middle). The
 * window is five slots of two minutes; a sample goes into the current slot, quantiles are read over
 * all five, and the slot that becomes current is cleared first. {@code _count} and {@code _sum} are
 * totals since start, as for any Prometheus summary.
 *
 * <p>Thread-safe: any number of threads record at once; a read concurrent with recording or with a
 * slot turning over may miss or count twice a sample in flight, never more. Used by {@link
 * HeraldMetrics}: the delivery pool records, scrapes read.
 */
final class DeliveryLatency {
  private static final int EXACT = 256;
  private static final int SUB_BITS = 7;
  private static final int MAX_EXPONENT = 32;
  static final int BUCKETS = EXACT + (MAX_EXPONENT - 8 + 1) * (1 << SUB_BITS);
  private static final int SLOTS = 5;
  private static final long SLOT_MILLIS = 120_000;

  private final LongSupplier clock;
  private final AtomicLongArray[] slots = new AtomicLongArray[SLOTS];
  private final LongAdder count = new LongAdder();
  private final LongAdder sumMillis = new LongAdder();
  private volatile long turnAt;
  private volatile int current;

  /**
   * @param clock milliseconds, for turning the window's slots over
   */
  DeliveryLatency(LongSupplier clock) {
    this.clock = clock;
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new AtomicLongArray(BUCKETS);
    }
    this.turnAt = clock.getAsLong() + SLOT_MILLIS;
  }

  /** Records one sample of {@code millis} (negative counts as 0). */
  void record(long millis) {
    long v = Math.max(0, millis);
    long now = clock.getAsLong();
    if (now >= turnAt) {
      turn(now);
    }
    slots[current].incrementAndGet(bucket(v));
    count.increment();
    sumMillis.add(v);
  }

  /** Samples recorded since start. */
  long count() {
    return count.sum();
  }

  /** Sum of every sample since start, in seconds. */
  double sumSeconds() {
    return sumMillis.sum() / 1000.0;
  }

  /**
   * The quantiles {@code qs} over the window, in seconds; NaN for each when the window is empty.
   */
  Quantiles quantiles(double... qs) {
    long now = clock.getAsLong();
    if (now >= turnAt) {
      turn(now);
    }
    long[] counts = new long[BUCKETS];
    long total = 0;
    for (AtomicLongArray slot : slots) {
      for (int i = 0; i < BUCKETS; i++) {
        long c = slot.get(i);
        counts[i] += c;
        total += c;
      }
    }
    List<Quantile> out = new ArrayList<>(qs.length);
    for (double q : qs) {
      out.add(new Quantile(q, total == 0 ? Double.NaN : value(counts, total, q) / 1000.0));
    }
    return Quantiles.of(out);
  }

  private static double value(long[] counts, long total, double q) {
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return middle(i);
      }
    }
    return middle(BUCKETS - 1);
  }

  /** Advances the current slot past {@code now}, clearing each slot it makes current. */
  private synchronized void turn(long now) {
    int slot = current;
    long at = turnAt;
    for (int turned = 0; now >= at; turned++) {
      at += SLOT_MILLIS;
      if (turned < SLOTS) {
        slot = (slot + 1) % SLOTS;
        AtomicLongArray s = slots[slot];
        for (int i = 0; i < BUCKETS; i++) {
          s.set(i, 0);
        }
      }
    }
    current = slot;
    turnAt = at;
  }

  /** The bucket of a sample: exact below {@link #EXACT}, then 128 per power of two. */
  static int bucket(long millis) {
    if (millis < EXACT) {
      return (int) millis;
    }
    int exponent = Math.min(MAX_EXPONENT, 63 - Long.numberOfLeadingZeros(millis));
    if (exponent == MAX_EXPONENT && millis >= 1L << (MAX_EXPONENT + 1)) {
      return BUCKETS - 1;
    }
    int shift = exponent - SUB_BITS;
    int sub = (int) (millis >>> shift) - (1 << SUB_BITS);
    return EXACT + (exponent - 8) * (1 << SUB_BITS) + sub;
  }

  /** The middle of a bucket, in milliseconds. */
  static double middle(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int exponent = 8 + (bucket - EXACT) / (1 << SUB_BITS);
    int sub = (bucket - EXACT) % (1 << SUB_BITS);
    int shift = exponent - SUB_BITS;
    long low = ((long) (1 << SUB_BITS) + sub) << shift;
    return low + (1L << shift) / 2.0;
  }
}
