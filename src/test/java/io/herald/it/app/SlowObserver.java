package io.herald.it.app;

import io.herald.hub.MessagePublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only {@link MessagePublished} observer that is slow on purpose: for a message on a topic
 * ending in {@code /slow} it blocks until released (at most 20 s), so a test can prove other
 * publishers do not wait for it. {@code GET /api/test/slow} answers {@code blocked} or {@code
 * idle}; {@code POST /api/test/slow} releases it ({@link SlowObserverResource}).
 */
@ApplicationScoped
public class SlowObserver {
  private volatile CountDownLatch release = new CountDownLatch(1);
  private volatile boolean blocked;

  void published(@Observes MessagePublished p) throws InterruptedException {
    if (!p.message().topic().endsWith("/slow")) {
      return;
    }
    blocked = true;
    try {
      release.await(20, TimeUnit.SECONDS);
    } finally {
      blocked = false;
      release = new CountDownLatch(1);
    }
  }

  /** Whether an observer call is blocked now. */
  public boolean blocked() {
    return blocked;
  }

  /** Lets a blocked call return. */
  public void release() {
    release.countDown();
  }
}
