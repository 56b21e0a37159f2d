package io.herald.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.error.CloseCode;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Outbound;
import io.herald.limits.LimitExceededException;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one connection lifecycle: the order it opens and ends in, once, and what a failure gives
 * back.
 */
class ClientSessionTest {
  private static final Principal ALICE = () -> "alice";

  private final FakeServices services = new FakeServices();

  /** A transport that records what the session asks of it. */
  private final class FakeTransport implements Transport {
    final ClientSession session;

    FakeTransport(ClientSession session) {
      this.session = session;
    }

    @Override
    public void deliver(List<Outbound> batch, Runnable done) {
      done.run();
    }

    @Override
    public void overflowed() {
      session.end(DisconnectReason.OVERFLOW);
    }

    @Override
    public void closing() {
      session.end(DisconnectReason.SERVER_CLOSED);
    }

    @Override
    public void close(DisconnectReason reason) {
      services.record("close transport " + reason.label());
    }

    @Override
    public void expired() {
      services.record("expired");
    }

    @Override
    public Optional<Heartbeats.Beat> heartbeat() {
      return Optional.of(now -> services.record("beat sent"));
    }
  }

  private FakeTransport open() {
    return ClientSession.open(
        services, TransportKind.WEBSOCKET, "10.0.0.1", ALICE, FakeTransport::new);
  }

  private static final List<String> OPENING =
      List.of(
          "admit websocket 10.0.0.1", "attach", "beat", "register websocket alice", "expiry alice");

  @Test
  void opensInOrderThenEndsInTheDocumentedOrder() {
    FakeTransport t = open();
    ClientSession s = t.session;
    assertEquals(ClientSession.Status.OPEN, s.status());
    assertEquals(OPENING, services.effects());
    assertEquals(1, services.hub.subscriberCount());
    assertSame(t, s.outbox().subscriber());

    assertTrue(s.end(DisconnectReason.CLIENT_CLOSED, "1000 bye"));

    List<String> expected = new ArrayList<>(OPENING);
    expected.addAll(
        List.of(
            "cancel expiry",
            "stop beat",
            "close transport client-closed",
            "detach",
            "release",
            "report client-closed 1000 bye"));
    assertEquals(expected, services.effects());
    assertEquals(ClientSession.Status.CLOSED, s.status());
    assertEquals(DisconnectReason.CLIENT_CLOSED, s.reason());
    assertEquals(0, services.hub.subscriberCount());
  }

  @Test
  void endsOnceAndTheFirstReasonWins() {
    ClientSession s = open().session;
    assertTrue(s.end(DisconnectReason.OVERFLOW));
    int after = services.effects().size();
    assertFalse(s.end(DisconnectReason.CLIENT_CLOSED, "1000 bye"));
    assertFalse(s.end(DisconnectReason.OPERATOR));
    assertEquals(after, services.effects().size());
    assertEquals(DisconnectReason.OVERFLOW, s.reason());
    assertEquals("report overflow", services.effects().get(after - 1));
  }

  @Test
  void endsOnceWhenManyThreadsEndItAtOnce() throws Exception {
    ClientSession s = open().session;
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (DisconnectReason r : DisconnectReason.values()) {
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                if (s.end(r)) {
                  won.incrementAndGet();
                }
              });
      th.start();
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(1, won.get());
    List<String> effects = services.effects();
    assertEquals(1, effects.stream().filter(e -> e.startsWith("report ")).count());
    assertEquals(1, effects.stream().filter(e -> e.startsWith("close transport ")).count());
    assertEquals("report " + s.reason().label(), effects.get(effects.size() - 1));
  }

  @Test
  void aStoppedHubGivesThePermitBackAndNothingElseIsTaken() {
    services.hubDown = true;
    assertThrows(HubUnavailableException.class, this::open);
    assertEquals(List.of("admit websocket 10.0.0.1", "attach", "release"), services.effects());
  }

  @Test
  void aRefusedPermitTakesNothing() {
    services.refuse =
        new LimitExceededException(
            "too-many", 429, 1, CloseCode.TOO_MANY_CONNECTIONS, "too many connections");
    LimitExceededException e = assertThrows(LimitExceededException.class, this::open);
    assertSame(services.refuse, e);
    assertEquals(List.of("admit websocket 10.0.0.1"), services.effects());
  }

  @Test
  void theRegistryClosesItForTheReasonGiven() {
    ClientSession s = open().session;
    services.closer.accept(DisconnectReason.OPERATOR);
    assertEquals(DisconnectReason.OPERATOR, s.reason());
    List<String> effects = services.effects();
    assertEquals(
        List.of(
            "cancel expiry",
            "stop beat",
            "close transport operator",
            "detach",
            "release",
            "report operator"),
        effects.subList(OPENING.size(), effects.size()));
  }

  @Test
  void anEndWhileOpeningStillReleasesEverythingTakenAfterIt() {
    services.duringRegister = () -> services.closer.accept(DisconnectReason.OPERATOR);
    ClientSession s = open().session;
    assertEquals(ClientSession.Status.CLOSED, s.status());
    assertEquals(
        List.of(
            "admit websocket 10.0.0.1",
            "attach",
            "beat",
            "register websocket alice",
            // the end, while registering: the registry's report is not set yet
            "stop beat",
            "close transport operator",
            "detach",
            "release",
            // opening goes on, sees the end, gives back the rest
            "expiry alice",
            "cancel expiry",
            "stop beat",
            "detach",
            "release",
            "report operator"),
        services.effects());
    assertTrue(services.expiryTimer.isCancelled());
    assertEquals(0, services.hub.subscriberCount());
  }

  @Test
  void theExpiryTimerAsksTheTransportAndARefreshReplacesIt() {
    FakeTransport t = open();
    services.expiryAction.run();
    assertEquals("expired", services.effects().get(OPENING.size()));
    var first = services.expiryTimer;
    t.session.expiresFor(() -> "alice");
    assertTrue(first.isCancelled());
    assertFalse(services.expiryTimer.isCancelled());
    t.session.end(DisconnectReason.CLIENT_CLOSED);
    assertTrue(services.expiryTimer.isCancelled());
  }

  @Test
  void theHeartbeatIsTheTransports() {
    open();
    services.beat.beat(0);
    assertEquals("beat sent", services.effects().get(OPENING.size()));
  }

  @Test
  void aRefreshAfterTheEndSchedulesNothingThatStays() {
    FakeTransport t = open();
    t.session.end(DisconnectReason.CLIENT_CLOSED);
    t.session.expiresFor(ALICE);
    assertTrue(services.expiryTimer.isCancelled());
  }
}
