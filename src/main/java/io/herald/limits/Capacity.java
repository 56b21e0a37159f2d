package io.herald.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A counter that never goes past its maximum: open streams, parked polls.
 *
 * <p>Thread-safe, lock-free.
 */
public final class Capacity {
  private final int max;
  private final AtomicInteger used = new AtomicInteger();

  /**
   * @param max most slots held at once
   */
  public Capacity(int max) {
    this.max = max;
  }

  /** Takes a slot if one is free. */
  public boolean tryAcquire() {
    while (true) {
      int now = used.get();
      if (now >= max) {
        return false;
      }
      if (used.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  public void release() {
    used.decrementAndGet();
  }

  /** Slots held now. */
  public int used() {
    return used.get();
  }

  /** Most slots held at once. */
  public int max() {
    return max;
  }
}
