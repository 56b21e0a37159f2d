package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.Settings;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection registry: counts, the one-line-per-event log, reasons, operator close. */
class ConnectionsTest {
  private final List<String> lines = new ArrayList<>();
  private final List<String> disconnects = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (lines) {
            lines.add(r.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Connections connections;

  @BeforeEach
  void setUp() {
    connections = new Connections();
    connections.settings = Settings.defaults().ops();
    connections.metrics =
        new HeraldMetrics() {
          @Override
          void disconnected(TransportKind transport, DisconnectReason reason) {
            disconnects.add(transport.label() + " " + reason.label());
          }
        };
    connections.configure();
    connections.logInline();
    Connections.LOG.addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    Connections.LOG.removeHandler(capture);
  }

  @Test
  void logsOneLineOnOpenAndOneOnCloseWithTheReason() {
    Principal alice = () -> "alice";
    Connection c = connections.open(TransportKind.WEBSOCKET, "10.0.0.1", alice, r -> {});
    assertEquals(1, connections.count(TransportKind.WEBSOCKET));
    assertEquals(
        List.of(
            "connection-open id="
                + c.id()
                + " transport=websocket address=10.0.0.1 identity=alice"),
        lines);

    c.closed(DisconnectReason.CLIENT_CLOSED, "1000 bye");
    c.closed(DisconnectReason.ERROR, "again");
    assertEquals(0, connections.count(TransportKind.WEBSOCKET));
    assertEquals(2, lines.size(), "one close line however often it is reported");
    assertTrue(
        lines
            .get(1)
            .matches(
                "connection-close id="
                    + c.id()
                    + " transport=websocket address=10.0.0.1 identity=alice duration_ms=\\d+"
                    + " reason=client-closed detail=\"1000 bye\""),
        lines.get(1));
    assertEquals(List.of("websocket client-closed"), disconnects);
  }

  @Test
  void aMarkedReasonWinsOverTheOneReportedAtClose() {
    Connection c = connections.open(TransportKind.SSE, null, null, r -> {});
    c.mark(DisconnectReason.OVERFLOW);
    c.mark(DisconnectReason.TIMEOUT);
    c.closed(DisconnectReason.WRITE_FAILED, null);
    assertTrue(lines.get(1).contains(" reason=overflow "), lines.get(1));
    assertTrue(lines.get(0).endsWith("address=- identity=-"), lines.get(0));
    assertEquals(List.of("sse overflow"), disconnects);
  }

  @Test
  void anOperatorClosesThroughTheTransportAndTheRegistryForgetsAtOnce() {
    AtomicInteger closed = new AtomicInteger();
    Connection a =
        connections.open(TransportKind.LONG_POLL, "x", null, r -> closed.incrementAndGet());
    Connection b =
        connections.open(TransportKind.LONG_POLL, "y", null, r -> closed.incrementAndGet());
    assertEquals(List.of(b, a), connections.list(10));
    assertEquals(List.of(b), connections.list(1));

    assertTrue(connections.close(a.id()));
    assertFalse(connections.close(a.id()));
    assertEquals(1, closed.get());
    assertTrue(a.isClosed());
    assertEquals(1, connections.count(TransportKind.LONG_POLL));

    connections.closeAll(DisconnectReason.UNAVAILABLE);
    assertEquals(2, closed.get());
    assertEquals(0, connections.count(TransportKind.LONG_POLL));
    assertEquals(List.of("long-poll operator", "long-poll unavailable"), disconnects);
    assertTrue(connections.find(b.id()).isEmpty());
  }
}
