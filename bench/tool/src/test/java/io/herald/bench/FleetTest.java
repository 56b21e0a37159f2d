package io.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Fleet#open} counts connections that do not set up instead of throwing. */
class FleetTest {

  @Test
  void connectionsToAServerThatNeverAnswersAreGivenUpAndCounted() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (Exception closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      try (Fleet fleet = new Fleet(target(Kind.HERALD_WS, silent.getLocalPort()), tally(), 1000)) {
        long start = System.nanoTime();
        Fleet.Opened opened = fleet.open(5, 1_000);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(new Fleet.Opened(5, 0, opened.millis()), opened);
        assertEquals(5, opened.failed());
        assertEquals(5, fleet.onLoop(() -> fleet.setUpFailures));
        assertEquals(0, fleet.onLoop(() -> fleet.ready));
        assertTrue(millis >= 1_000 && millis < 10_000, millis + " ms");
      }
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void refusedConnectionsFailWithoutWaitingForTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Fleet fleet = new Fleet(target(Kind.SSE, port), tally(), 1000)) {
      Fleet.Opened opened = fleet.open(3, 60_000);

      assertEquals(3, opened.wanted());
      assertEquals(0, opened.ready());
      assertEquals(3, fleet.onLoop(() -> fleet.setUpFailures));
      assertTrue(opened.millis() < 30_000, opened.millis() + " ms");
    }
  }

  @Test
  void connectionsThatSubscribeAreReadyAndNoneFail() throws Exception {
    int port = startCeiling();
    try (Fleet fleet = new Fleet(target(Kind.PLAIN_WS, port), tally(), 1000)) {
      Fleet.Opened first = fleet.open(4, 30_000);
      Fleet.Opened second = fleet.open(2, 30_000);

      assertEquals(new Fleet.Opened(4, 4, first.millis()), first);
      assertEquals(new Fleet.Opened(2, 2, second.millis()), second);
      assertEquals(0, fleet.onLoop(() -> fleet.setUpFailures));
      assertEquals(6, fleet.onLoop(() -> fleet.ready));
    }
  }

  @Test
  void aResumingFleetReconnectsAConnectionThatEndsAndCountsTheDrop() throws Exception {
    int port = startCeiling();
    try (Fleet fleet = new Fleet(target(Kind.PLAIN_WS, port), tally(), 1000)) {
      fleet.resume = true;
      fleet.open(3, 30_000);
      Fleet.Conn first = fleet.onLoop(() -> fleet.conns().get(0));
      fleet.onLoop(
          () -> {
            first.channel.close();
            return null;
          });
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline
          && !fleet.onLoop(() -> first.ready && first.connects == 2)) {
        Thread.sleep(20);
      }

      assertEquals(1, fleet.onLoop(() -> fleet.dropped));
      assertEquals(1, fleet.onLoop(() -> first.drops));
      assertEquals(2, fleet.onLoop(() -> first.connects));
      assertEquals(3, fleet.onLoop(() -> fleet.ready));
      assertEquals(0, fleet.onLoop(() -> fleet.setUpFailures));
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(Fleet.HOST, port), 100);
        return;
      } catch (Exception notYet) {
        Thread.sleep(25);
      }
    }
    throw new AssertionError("the ceiling server did not listen on " + port);
  }

  private static Target target(Kind kind, int port) {
    return new Target("t", "t", kind, port, "/ws", "/publish", false);
  }

  private static Tally tally() {
    return new Tally(System.nanoTime());
  }

  /**
   * Starts the NIO ceiling server on a free loopback port, on a daemon thread; returns the port.
   */
  private static int startCeiling() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Thread ceiling =
        new Thread(
            () -> {
              try {
                Ceiling.main(new String[] {String.valueOf(port)});
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ceiling.setDaemon(true);
    ceiling.start();
    awaitListening(port);
    return port;
  }
}
