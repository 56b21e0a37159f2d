package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the hub reports to its {@link HubMetrics}, and stopping and starting it again. */
class HubMetricsTest {
  private ExecutorService pool;
  private Recording metrics;

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(2);
    metrics = new Recording();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
  }

  private Hub hub(int queueMax) {
    Hub hub =
        new Hub(
            new InMemoryHistory(100, Duration.ofHours(1)),
            new HubSettings(100, Duration.ofHours(1), queueMax, 1L << 30, 100, 1L << 20),
            pool,
            Clock.systemUTC(),
            null);
    hub.metrics(metrics);
    return hub;
  }

  @Test
  void countsPublishedAndDeliveredMessagesAndSamplesLatencyOfLiveOnes() throws Exception {
    Hub hub = hub(1000);
    RecordingSubscriber one = new RecordingSubscriber();
    RecordingSubscriber two = new RecordingSubscriber();
    hub.subscribe(hub.attach(one), List.of("a"), null);
    hub.subscribe(hub.attach(two), List.of("a"), null);
    hub.publish(List.of(new Draft("a", "m", "1"), new Draft("a", "m", "2")));
    hub.publish(new Draft("b", "m", "3"));
    assertEquals(2, one.awaitMessages(2).size());
    assertEquals(2, two.awaitMessages(2).size());

    assertEquals(3, metrics.published());
    awaitDelivered(4);
    List<Long> ages = metrics.ages();
    assertFalse(ages.isEmpty());
    assertTrue(ages.size() <= 4, "at most one latency sample per batch: " + ages);
    assertTrue(ages.stream().allMatch(a -> a >= 0 && a < 10_000), ages.toString());

    // A replay counts as delivered but is not a latency sample: it is history, not live.
    int samples = ages.size();
    RecordingSubscriber late = new RecordingSubscriber();
    hub.subscribe(hub.attach(late), List.of("a"), Cursor.EARLIEST);
    assertEquals(2, late.awaitMessages(2).size());
    awaitDelivered(6);
    assertEquals(samples, metrics.ages().size());
  }

  @Test
  void countsOverflowsAndGaps() throws Exception {
    Hub hub = hub(2);
    RecordingSubscriber stuck =
        new RecordingSubscriber() {
          @Override
          public synchronized void deliver(List<Outbound> batch, Runnable done) {
            // Never done: a client that stopped reading.
          }
        };
    hub.subscribe(hub.attach(stuck), List.of("a"), null);
    for (int i = 0; i < 6; i++) {
      hub.publish(new Draft("a", "m", Integer.toString(i)));
    }
    assertEquals(1, metrics.overflows());

    hub.subscribe(hub.attach(new RecordingSubscriber()), List.of("a"), "deadbeef-1");
    assertEquals(1, metrics.gaps());
    assertEquals(List.of("a"), hub.read(List.of("a"), "deadbeef-1").gap());
    assertEquals(2, metrics.gaps());
    hub.read(List.of("a"), Cursor.EARLIEST);
    assertEquals(2, metrics.gaps());
  }

  @Test
  void aStoppedHubRefusesWorkUntilStartedAgainAndKeepsItsHistory() {
    Hub hub = hub(1000);
    Message first = hub.publish(new Draft("a", "m", "1"));
    hub.stop();
    assertFalse(hub.isRunning());
    assertThrows(HubUnavailableException.class, () -> hub.publish(new Draft("a", "m", "2")));
    assertThrows(HubUnavailableException.class, () -> hub.attach(new RecordingSubscriber()));
    hub.start();
    assertTrue(hub.isRunning());
    Message second = hub.publish(new Draft("a", "m", "3"));
    assertEquals(
        List.of(first.id(), second.id()),
        hub.read(List.of("a"), Cursor.EARLIEST).messages().stream().map(Message::id).toList());
    assertEquals(2, metrics.published());
  }

  private void awaitDelivered(long n) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (metrics.delivered() < n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertEquals(n, metrics.delivered());
  }

  /** Records metrics calls. Thread-safe. */
  static final class Recording implements HubMetrics {
    private long published;
    private long delivered;
    private int overflows;
    private int gaps;
    private final List<Long> ages = new ArrayList<>();

    @Override
    public synchronized void published(int count) {
      published += count;
    }

    @Override
    public synchronized void delivered(int count, long oldestLiveAgeMillis) {
      delivered += count;
      if (oldestLiveAgeMillis >= 0) {
        ages.add(oldestLiveAgeMillis);
      }
    }

    @Override
    public synchronized void overflowed() {
      overflows++;
    }

    @Override
    public synchronized void gapServed() {
      gaps++;
    }

    synchronized long published() {
      return published;
    }

    synchronized long delivered() {
      return delivered;
    }

    synchronized int overflows() {
      return overflows;
    }

    synchronized int gaps() {
      return gaps;
    }

    synchronized List<Long> ages() {
      return List.copyOf(ages);
    }
  }
}
