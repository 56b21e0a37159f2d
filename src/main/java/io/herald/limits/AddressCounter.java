package io.herald.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, each address capped at the same maximum. Addresses with no
 * connection left are forgotten, so the map only holds addresses that are connected now.
 *
 * <p>Thread-safe.
 */
public final class AddressCounter {
  private final int max;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  /**
   * @param max most connections one address may hold open
   */
  public AddressCounter(int max) {
    this.max = max;
  }

  /** Counts a connection from {@code address} unless that address is at the maximum. */
  public boolean tryAcquire(String address) {
    boolean[] ok = {false};
    open.compute(
        address,
        (a, n) -> {
          int count = n == null ? 0 : n;
          if (count >= max) {
            return n;
          }
          ok[0] = true;
          return count + 1;
        });
    return ok[0];
  }

  /** Uncounts a connection counted by {@link #tryAcquire}. */
  public void release(String address) {
    open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  /** Connections open from {@code address}. */
  public int count(String address) {
    return open.getOrDefault(address, 0);
  }

  /** Addresses with at least one open connection. */
  public int addresses() {
    return open.size();
  }
}
