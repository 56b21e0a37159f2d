package io.herald.limits;

/**
 * Rate limit for one connection: {@code rate} tokens per second, at most {@code burst} saved up.
 * Each publish takes one token; with none left the publish is refused, not delayed, so a flooding
 * client never holds a server thread.
 *
 * <p>Thread-safe (synchronized; contended only by one connection's own frames).
 */
public final class TokenBucket {
  private final double rate;
  private final double burst;
  private final java.util.function.LongSupplier nanos;
  private double tokens;
  private long last;

  /**
   * @param rate tokens added per second
   * @param burst most tokens held; also the starting amount
   * @param nanos monotonic clock, {@code System::nanoTime} outside tests
   */
  public TokenBucket(double rate, double burst, java.util.function.LongSupplier nanos) {
    this.rate = rate;
    this.burst = burst;
    this.nanos = nanos;
    this.tokens = burst;
    this.last = nanos.getAsLong();
  }

  /** Takes {@code n} tokens if there are that many. */
  public synchronized boolean tryTake(int n) {
    long now = nanos.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
    last = now;
    if (tokens < n) {
      return false;
    }
    tokens -= n;
    return true;
  }
}
