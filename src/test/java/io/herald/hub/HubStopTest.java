package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Hub#stop()} tells every attached subscriber, once, after detaching it. */
class HubStopTest {
  private final Hub hub =
      new Hub(
          new InMemoryHistory(100, Duration.ofHours(1)),
          Settings.defaults().hub(),
          Runnable::run,
          Clock.systemUTC(),
          null);

  /** Records closing() calls and whether the hub had already let go when they came. */
  private final class Closing extends RecordingSubscriber {
    final List<Integer> attachedWhenClosing = new ArrayList<>();

    @Override
    public void closing() {
      attachedWhenClosing.add(hub.subscriberCount());
    }
  }

  @Test
  void stopDetachesEverySubscriberThenCallsClosingOnEachOnce() {
    Closing a = new Closing();
    Closing b = new Closing();
    Outbox sa = hub.attach(a);
    Outbox sb = hub.attach(b);
    hub.subscribe(sa, List.of("t"), null);
    hub.subscribe(sb, List.of("t", "u"), null);

    hub.stop();

    assertEquals(List.of(0), a.attachedWhenClosing);
    assertEquals(List.of(0), b.attachedWhenClosing);
    assertEquals(0, hub.topicCounts().size());
    assertThrows(HubUnavailableException.class, () -> hub.attach(new RecordingSubscriber()));
    hub.stop();
    assertEquals(1, a.attachedWhenClosing.size());
  }

  @Test
  void aFailingClosingDoesNotKeepOthersOpen() {
    Subscriber broken =
        new RecordingSubscriber() {
          @Override
          public void closing() {
            throw new IllegalStateException("already gone");
          }
        };
    Closing ok = new Closing();
    hub.attach(broken);
    hub.attach(ok);
    hub.stop();
    assertEquals(1, ok.attachedWhenClosing.size());
  }

  @Test
  void topicsOfReportsWhatAnOutboxHolds() {
    Outbox s = hub.attach(new RecordingSubscriber());
    hub.subscribe(s, List.of("a", "b"), null);
    hub.unsubscribe(s, List.of("a"));
    assertEquals(Set.of("b"), hub.topicsOf(s));
  }
}
