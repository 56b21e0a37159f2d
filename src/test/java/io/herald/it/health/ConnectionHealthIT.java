package io.herald.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Http;
import io.herald.testkit.OwnPayara;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Heartbeats, disconnect detection, slow consumers, per-address and overload caps, on a Payara of
 * its own with small settings: heartbeat 1 s, subscriber queue 256 KiB, 8 connections per address,
 * 2,000 streams and 300 parked polls server-wide. Heavy but bounded: every wait has a deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionHealthIT {
  private static final long MIB = 1 << 20;

  private OwnPayara server;
  private Http http;

  @BeforeAll
  void start() {
    server =
        PayaraServer.start(
            Map.of(
                "herald.heartbeat.interval", "PT1S",
                "herald.queue.max-bytes", "262144",
                "herald.queue.max-messages", "2000",
                "herald.limits.max-connections-per-address", "8",
                "herald.limits.max-streams", "2000",
                "herald.limits.max-parked-polls", "300"));
    http = server.http();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Each test starts from a server with no connection left over from the one before. */
  @BeforeEach
  void idle() {
    await(
        "no connection left over",
        30,
        () -> {
          JsonObject d = server.diag(false);
          return d.getInt("streams") == 0 && d.getInt("polls") == 0;
        });
  }

  @Test
  @Order(1)
  void webSocketGetsPingFramesAndSseGetsCommentLines() throws Exception {
    AtomicInteger pings = new AtomicInteger();
    WebSocket ws =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + server.port() + "/api/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onPing(WebSocket w, ByteBuffer message) {
                    pings.incrementAndGet();
                    w.request(1);
                    return null;
                  }
                })
            .join();
    try (RawStreams raw = new RawStreams(server.port())) {
      RawStreams.Stream sse = raw.open("127.0.0.1", "/api/sse?topic=hb");
      await("SSE subscribed", 10, () -> sse.subscribed);
      await("3 SSE heartbeats", 10, () -> sse.heartbeats >= 3);
      await("3 WebSocket pings", 10, () -> pings.get() >= 3);
      assertEquals(200, sse.status);
    } finally {
      ws.abort();
    }
  }

  @Test
  @Order(2)
  void webSocketThatNeverAnswersPingsIsClosedWith4000() throws Exception {
    int base = server.diag(false).getInt("subscribers");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      s.getOutputStream()
          .write(
              ("GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(15_000);
      byte[] all = readUntilEof(s.getInputStream());
      String text = new String(all, StandardCharsets.ISO_8859_1);
      assertTrue(text.startsWith("HTTP/1.1 101"), text);
      assertTrue(hasCloseFrame(all, 4000), "close frame 4000 expected: " + text);
    }
    await("subscriber freed", 10, () -> server.diag(false).getInt("subscribers") == base);
  }

  @Test
  @Order(3)
  void perAddressLimitRefusesOnlyThatAddressAndFreesOnDisconnect() {
    try (RawStreams raw = new RawStreams(server.port())) {
      List<RawStreams.Stream> first = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        first.add(raw.open("127.2.0.1", "/api/sse?topic=pa"));
      }
      await("8 streams subscribed", 20, () -> first.stream().allMatch(s -> s.subscribed));
      RawStreams.Stream ninth = raw.open("127.2.0.1", "/api/sse?topic=pa");
      await("9th answered", 10, () -> ninth.ended);
      assertEquals(429, ninth.status);
      assertTrue(ninth.headers.contains("Retry-After: 5"), ninth.headers);
      assertTrue(ninth.rest().contains("\"code\":\"too-many-connections\""), ninth.rest());
      RawStreams.Stream other = raw.open("127.2.0.2", "/api/sse?topic=pa");
      await("other address admitted", 10, () -> other.subscribed);
      // An abrupt drop frees the slot once a heartbeat write fails.
      RawStreams.abort(first.get(0));
      await(
          "slot freed after drop",
          20,
          () -> {
            RawStreams.Stream again = raw.open("127.2.0.1", "/api/sse?topic=pa");
            OwnPayara.sleep(300);
            return again.subscribed;
          });
    }
  }

  @Test
  @Order(4)
  void twoThousandDroppedClientsAndParkedPollsAreFreedAndCapsAnswer503() {
    JsonObject base = server.diag(true);
    try (RawStreams raw = new RawStreams(server.port())) {
      List<RawStreams.Stream> streams = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        streams.add(raw.open(RawStreams.address(i, 8, 3), "/api/sse?topic=drop" + (i % 10)));
      }
      List<RawStreams.Stream> polls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        polls.add(raw.open(RawStreams.address(i, 8, 4), "/api/poll?topic=dropp&timeout=10"));
      }
      await("2,000 streams subscribed", 120, () -> streams.stream().allMatch(s -> s.subscribed));
      await("300 polls parked", 30, () -> server.diag(false).getInt("polls") == 300);
      assertEquals(2000, server.diag(false).getInt("streams"));

      RawStreams.Stream overStream = raw.open("127.9.0.1", "/api/sse?topic=over");
      RawStreams.Stream overPoll = raw.open("127.9.0.2", "/api/poll?topic=over&timeout=60");
      await("over-cap answered", 10, () -> overStream.ended && overPoll.ended);
      for (RawStreams.Stream s : List.of(overStream, overPoll)) {
        assertEquals(503, s.status, s.headers);
        assertTrue(s.headers.contains("Retry-After: 5"), s.headers);
        assertTrue(s.rest().contains("\"code\":\"overloaded\""), s.rest());
      }

      streams.forEach(RawStreams::abort);
      polls.forEach(RawStreams::abort);
      // Streams are freed by the next heartbeat write; dropped polls (Payara reports no
      // disconnect for them) by their 10 s timeout.
      await(
          "subscribers, streams and polls back to baseline",
          30,
          () -> {
            JsonObject d = server.diag(false);
            return d.getInt("subscribers") == base.getInt("subscribers")
                && d.getInt("streams") == base.getInt("streams")
                && d.getInt("polls") == base.getInt("polls");
          });
    }
    long grown =
        server.diag(true).getJsonNumber("heap").longValue()
            - base.getJsonNumber("heap").longValue();
    assertTrue(grown < 24 * MIB, "heap grew by " + grown / MIB + " MiB after the drop");
  }

  @Test
  @Order(5)
  void stalledConsumersAreCutOffWithoutDelayingHealthyOnes() throws Exception {
    JsonObject base = server.diag(true);
    int n = 200;
    try (RawStreams raw = new RawStreams(server.port())) {
      List<RawStreams.Stream> healthy = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        healthy.add(raw.open(RawStreams.address(i, 8, 5), "/api/sse?topic=h"));
      }
      List<RawStreams.Stream> stalled = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        stalled.add(raw.stalled(RawStreams.address(i, 1, 6), "/api/sse?topic=h&topic=big"));
      }
      await("1,000 healthy subscribed", 90, () -> healthy.stream().allMatch(s -> s.subscribed));
      await(
          "stalled subscribed",
          20,
          () -> server.diag(false).getInt("subscribers") == base.getInt("subscribers") + 1010);

      double alone = deliver(healthy, 0, n, null);
      // 200 x 48 KiB = 9.6 MB for each stalled stream: more than the kernel's socket buffers on
      // loopback hold (tcp_wmem max 4 MiB), so its writes must back up whatever the pace.
      String big = "\"" + "x".repeat(48 * 1024) + "\"";
      double withStalled = deliver(healthy, n, 2 * n, big);
      System.out.printf(
          "1,000 healthy SSE streams x %d messages: %.1f s alone, %.1f s beside 10 stalled"
              + " streams sent %d x 48 KiB%n",
          n, alone, withStalled, n);
      await(
          "stalled ones detached",
          30,
          () -> server.diag(false).getInt("subscribers") == base.getInt("subscribers") + 1000);
      for (RawStreams.Stream s : stalled) {
        assertTrue(RawStreams.serverClosed(s), "stalled stream from " + s.address + " still open");
      }
      long grown =
          server.diag(true).getJsonNumber("heap").longValue()
              - base.getJsonNumber("heap").longValue();
      System.out.printf("heap with 1,000 healthy streams open: +%d MiB%n", grown / MIB);
      assertTrue(grown < 96 * MIB, "heap grew by " + grown / MIB + " MiB");
    }
  }

  /**
   * Publishes {@code n} = from..to on topic h (and, if given, {@code big} on topic big after each),
   * waits until every healthy stream has them all, exactly and in order; returns the seconds.
   */
  private double deliver(List<RawStreams.Stream> healthy, int from, int to, String big) {
    long started = System.nanoTime();
    for (int i = from; i < to; i++) {
      http.publish("h", "{\"n\":" + i + "}");
      if (big != null) {
        http.publish("big", big);
      }
    }
    await(
        "every healthy client got messages up to " + (to - 1),
        90,
        () -> healthy.stream().allMatch(s -> s.ns.size() >= to));
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Integer> expected = IntStream.range(0, to).boxed().toList();
    for (RawStreams.Stream s : healthy) {
      assertEquals(expected, List.copyOf(s.ns), "healthy stream from " + s.address);
    }
    return seconds;
  }

  static void await(String what, int seconds, BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
      }
      OwnPayara.sleep(100);
    }
  }

  private static byte[] readUntilEof(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] b = new byte[4096];
    int n;
    try {
      while ((n = in.read(b)) >= 0) {
        out.write(b, 0, n);
      }
    } catch (java.net.SocketException e) {
      // reset after the close frame: fine, we have what was sent
    }
    return out.toByteArray();
  }

  /** Finds an unmasked server close frame with {@code code} (2-byte big-endian) in the stream. */
  static boolean hasCloseFrame(byte[] data, int code) {
    for (int i = 0; i + 3 < data.length; i++) {
      if ((data[i] & 0xff) == 0x88
          && (data[i + 1] & 0x80) == 0
          && (data[i + 1] & 0x7f) >= 2
          && ((data[i + 2] & 0xff) << 8 | (data[i + 3] & 0xff)) == code) {
        return true;
      }
    }
    return false;
  }
}
