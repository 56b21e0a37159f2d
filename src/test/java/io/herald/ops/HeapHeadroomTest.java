package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapHeadroomTest {
  private final AtomicLong used = new AtomicLong();

  @Test
  void reportsNoHeadroomOnlyAboveTheCeilingOfHeapStillUsedAfterCollection() {
    HeapHeadroom heap = new HeapHeadroom(0.9, used::get, () -> 1000);
    used.set(900);
    assertTrue(heap.enough());
    assertEquals(0.9, heap.usedFraction(), 1e-9);
    used.set(901);
    assertFalse(heap.enough());
    used.set(100);
    assertTrue(heap.enough(), "headroom comes back once a collection frees memory");
  }

  @Test
  void aCeilingOfOneOrMoreTurnsTheCheckOff() {
    used.set(1000);
    assertTrue(new HeapHeadroom(1, used::get, () -> 1000).enough());
  }

  @Test
  void theJvmFigureIsAFractionOfTheMaximumHeap() {
    double f = HeapHeadroom.ofJvm(0.9).usedFraction();
    assertTrue(f >= 0 && f < 1, Double.toString(f));
  }
}
