package io.herald.bench;

import java.util.BitSet;
import org.HdrHistogram.Histogram;

/**
 * Counts one step's deliveries: per client which sequence numbers arrived (loss, duplicates,
 * reordering are counted, never assumed), and one latency histogram measured from each message's
 * scheduled send time, so a stalled server shows as latency rather than as fewer samples.
 *
 * <p>Not thread-safe: only the load generator's event loop touches it (the orchestrator reads it
 * through that loop).
 */
final class Tally {
  private final long originNanos;
  private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
  private long base;
  private int count;
  private long delivered;
  private long duplicates;
  private long reordered;
  private long stray;
  private long lastMicros = -1;

  Tally(long originNanos) {
    this.originNanos = originNanos;
  }

  /** Starts a step whose messages are numbered {@code base .. base+count-1}. */
  void reset(long base, int count) {
    this.base = base;
    this.count = count;
    latencyMicros.reset();
    delivered = 0;
    duplicates = 0;
    reordered = 0;
    stray = 0;
    lastMicros = -1;
  }

  long nowMicros() {
    return (System.nanoTime() - originNanos) / 1000;
  }

  /** Records one received message for one client. */
  void record(Track track, long seq, long scheduledMicros) {
    long index = seq - base;
    if (index < 0 || index >= count) {
      stray++;
      return;
    }
    track.ensure(base, count);
    int i = (int) index;
    if (track.seen.get(i)) {
      duplicates++;
      return;
    }
    track.seen.set(i);
    if (i < track.maxSeen) {
      reordered++;
    } else {
      track.maxSeen = i;
    }
    delivered++;
    lastMicros = nowMicros();
    latencyMicros.recordValue(Math.max(0, Math.min(nowMicros() - scheduledMicros, 59_000_000L)));
  }

  long delivered() {
    return delivered;
  }

  long duplicates() {
    return duplicates;
  }

  long reordered() {
    return reordered;
  }

  long stray() {
    return stray;
  }

  /**
   * When the step's newest first delivery arrived, in {@link #nowMicros()} units; -1 before any.
   */
  long lastMicros() {
    return lastMicros;
  }

  Histogram histogram() {
    return latencyMicros.copy();
  }

  /** One client's received set for the current step. */
  static final class Track {
    private long base = -1;
    private BitSet seen;
    private int maxSeen;

    /** Distinct messages of the step starting at {@code stepBase} this client received. */
    int received(long stepBase) {
      return base == stepBase ? seen.cardinality() : 0;
    }

    /** The first of {@code count} messages of that step this client lacks, or -1. */
    int firstMissing(long stepBase, int count) {
      int i = base == stepBase ? seen.nextClearBit(0) : 0;
      return i < count ? i : -1;
    }

    private void ensure(long stepBase, int count) {
      if (base != stepBase) {
        base = stepBase;
        seen = new BitSet(count);
        maxSeen = -1;
      }
    }
  }
}
