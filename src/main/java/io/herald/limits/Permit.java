package io.herald.limits;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A slot held by one connection (a per-address slot plus an open-stream or parked-poll slot).
 * Closing it gives the slots back; closing again does nothing, so every exit path may close it.
 *
 * <p>Thread-safe.
 */
public final class Permit implements AutoCloseable {
  /** A permit that holds nothing, for connections admitted before limits apply. */
  public static final Permit NONE = new Permit(() -> {});

  private final Runnable release;
  private final AtomicBoolean released = new AtomicBoolean();

  Permit(Runnable release) {
    this.release = release;
  }

  /** Gives the slots back, once. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      release.run();
    }
  }
}
