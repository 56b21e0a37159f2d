package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubPresenceTest {

  private static Subscriber as(String identity) {
    return new Subscriber() {
      @Override
      public void deliver(List<Outbound> batch, Runnable done) {
        done.run();
      }

      @Override
      public void overflowed() {}

      @Override
      public String identity() {
        return identity;
      }
    };
  }

  @Test
  void presenceCountsSubscriptionsAndNamesDistinctIdentitiesSorted() {
    Hub hub =
        new Hub(
            new InMemoryHistory(100, Duration.ofHours(1)),
            new HubSettings(100, Duration.ofHours(1), 10_000, 1L << 30, 100, 1L << 20),
            Runnable::run,
            Clock.systemUTC(),
            null);
    hub.start();
    assertEquals(new Presence("t", 0, List.of()), hub.presence("t"));
    Outbox bob = hub.attach(as("bob"));
    Outbox alice = hub.attach(as("alice"));
    Outbox aliceAgain = hub.attach(as("alice"));
    Outbox anonymous = hub.attach(as(null));
    for (Outbox o : List.of(bob, alice, aliceAgain, anonymous)) {
      hub.subscribe(o, List.of("t"), null);
    }
    hub.subscribe(bob, List.of("other"), null);
    assertEquals(new Presence("t", 4, List.of("alice", "bob")), hub.presence("t"));
    assertEquals(new Presence("other", 1, List.of("bob")), hub.presence("other"));
    hub.unsubscribe(bob, List.of("t"));
    hub.detach(alice);
    assertEquals(new Presence("t", 2, List.of("alice")), hub.presence("t"));
  }
}
