package io.herald.soak;

import io.herald.testkit.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The abusive clients of the soak test, each a loop on its own thread that is bounded in count and
 * rate, talks to loopback only, and stops by itself once {@link #stop} is called (which also drops
 * every connection they hold, ending blocked reads and writes). Each abuser connects from its own
 * loopback source address (127.0.0.2 and up), so it meets the per-address limits alone and the
 * honest clients (127.0.0.1) are not refused on its account. What the server answered is counted
 * per abuser in {@link #outcomes} for the report; the soak asserts on the server's health and the
 * honest clients, not on these.
 *
 * <p>Thread-safe: the counters are concurrent; start and stop are called by the test thread.
 */
final class Abusers {
  /** The topic with a large retained history that replays and short polls are aimed at. */
  static final String BIG = "soak/big";

  private final int port;
  private final URI base;
  private final List<String> honestTopics;
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  Abusers(int port, List<String> honestTopics) {
    this.port = port;
    this.base = URI.create("http://127.0.0.1:" + port + "/");
    this.honestTopics = honestTopics;
  }

  /** Starts every abuser. */
  void start() {
    stopping = false;
    spawn("subscribe-flood", this::subscribeFlood);
    for (int i = 0; i < 3; i++) {
      int n = i;
      spawn("slow-consumer-" + i, () -> slowConsumer(n));
    }
    spawn("oversized-frames", this::oversizedFrames);
    for (int i = 0; i < 20; i++) {
      int n = i;
      spawn("upgrade-header-" + i, () -> upgradeHeader(n));
    }
    for (int i = 0; i < 2; i++) {
      int n = i;
      spawn("big-short-poll-" + i, () -> bigShortPoll(n));
    }
    spawn("ticket-flood", this::ticketFlood);
    spawn("connection-flood", this::connectionFlood);
    spawn("vanishing", this::vanishing);
  }

  /** Stops every abuser and waits (at most 30 s) for their threads to end. */
  void stop() throws InterruptedException {
    stopping = true;
    Raw.closeAll();
    long deadline = System.currentTimeMillis() + 30_000;
    for (Thread t : threads) {
      t.join(Math.max(1, deadline - System.currentTimeMillis()));
      if (t.isAlive()) {
        t.interrupt();
        Raw.closeAll();
        t.join(5_000);
      }
    }
    threads.clear();
  }

  /** The outcome counts so far, e.g. {@code connection-flood: 429 -> 1200}. */
  Map<String, Long> outcomes() {
    Map<String, Long> out = new TreeMap<>();
    outcomes.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private void count(String abuser, Object outcome) {
    outcomes.computeIfAbsent(abuser + ": " + outcome, k -> new LongAdder()).increment();
  }

  private void spawn(String name, Loop loop) {
    Thread t =
        new Thread(
            () -> {
              while (!stopping) {
                try {
                  loop.once();
                } catch (IOException | RuntimeException e) {
                  count(name.replaceFirst("-\\d+$", ""), e.getClass().getSimpleName());
                  pause(200);
                }
              }
            },
            "soak-abuser-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  @FunctionalInterface
  private interface Loop {
    void once() throws IOException;
  }

  private void pause(long millis) {
    long end = System.currentTimeMillis() + millis;
    while (!stopping && System.currentTimeMillis() < end) {
      try {
        Thread.sleep(Math.min(100, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One WebSocket that subscribes to {@link #BIG} from earliest and unsubscribes, 200 pairs a
   * second, never reading; after 10 s it drops the connection and opens another.
   */
  private void subscribeFlood() throws IOException {
    Raw ws = Raw.webSocket("127.0.0.2", port, "/api/ws", 2_000);
    if (ws == null) {
      count("subscribe-flood", "upgrade refused");
      pause(1_000);
      return;
    }
    byte[] sub =
        Raw.textFrame(
            "{\"type\":\"subscribe\",\"topics\":[\"" + BIG + "\"],\"since\":\"earliest\"}");
    byte[] unsub = Raw.textFrame("{\"type\":\"unsubscribe\",\"topics\":[\"" + BIG + "\"]}");
    long end = System.currentTimeMillis() + 30_000;
    try {
      while (!stopping && System.currentTimeMillis() < end) {
        for (int i = 0; i < 50; i++) {
          ws.write(sub).write(unsub);
        }
        count("subscribe-flood", "pairs x50 sent");
        pause(100);
      }
    } catch (IOException e) {
      count("subscribe-flood", "closed by server");
    } finally {
      ws.drop();
    }
  }

  /**
   * A WebSocket or SSE stream (alternately) on the honest topics and {@link #BIG} from earliest,
   * never read, held 20 s and then dropped.
   */
  private void slowConsumer(int n) throws IOException {
    String local = "127.0.0.3";
    List<String> topics = new ArrayList<>(honestTopics);
    topics.add(BIG);
    boolean ws = (n + System.currentTimeMillis() / 20_000) % 2 == 0;
    Raw r;
    if (ws) {
      r = Raw.webSocket(local, port, "/api/ws", 2_000);
      if (r == null) {
        count("slow-consumer", "ws refused");
        pause(1_000);
        return;
      }
      r.write(
          Raw.textFrame(
              "{\"type\":\"subscribe\",\"topics\":[\""
                  + String.join("\",\"", topics)
                  + "\"],\"since\":\"earliest\"}"));
      count("slow-consumer", "ws opened");
    } else {
      r = Raw.connect(local, port, 2_000);
      int status =
          r.sse(port, "/api/sse?topic=" + String.join("&topic=", topics) + "&since=earliest");
      count("slow-consumer", "sse " + status);
    }
    pause(20_000);
    r.drop();
  }

  /**
   * Every second a WebSocket that sends either a frame header announcing 2 GiB followed by up to 1
   * MiB, or a whole 100 KiB frame (the limit is 64 KiB); the close code the server answers with (if
   * any within 2 s) is counted.
   */
  private void oversizedFrames() throws IOException {
    Raw ws = Raw.webSocket("127.0.0.4", port, "/api/ws", 2_000);
    if (ws == null) {
      count("oversized-frames", "upgrade refused");
      pause(1_000);
      return;
    }
    boolean huge = System.currentTimeMillis() / 1_000 % 2 == 0;
    try {
      if (huge) {
        ws.write(Raw.frameHeader(2L << 30));
        byte[] chunk = new byte[65_536];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 16 && !stopping; i++) {
          ws.write(chunk);
        }
      } else {
        ws.write(Raw.textFrame("{\"type\":\"ping\",\"pad\":\"" + "a".repeat(100_000) + "\"}"));
      }
      byte[] answer = ws.readSome(64);
      if (answer.length >= 4 && (answer[0] & 0x0f) == 8) {
        count(
            "oversized-frames",
            (huge ? "2 GiB header: close " : "100 KiB frame: close ")
                + (((answer[2] & 0xff) << 8) | (answer[3] & 0xff)));
      } else {
        count("oversized-frames", (huge ? "2 GiB header: " : "100 KiB frame: ") + "no close frame");
      }
    } catch (IOException e) {
      count("oversized-frames", (huge ? "2 GiB header: " : "100 KiB frame: ") + "connection ended");
    } finally {
      ws.drop();
    }
    pause(1_000);
  }

  /**
   * A short poll or a publish (alternately) carrying {@code Upgrade: websocket}; 20 of these at a
   * time at most, each waiting at most 40 s for its answer, at most two a second each.
   */
  private void upgradeHeader(int n) throws IOException {
    Raw r = Raw.connect("127.0.0.5", port, 40_000);
    boolean publish = n % 2 == 0;
    String head =
        publish
            ? "POST /api/publish HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 30\r\n"
            : "GET /api/messages?topic=demo HTTP/1.1\r\n";
    String body = publish ? "{\"topic\":\"demo/chat\",\"data\":1}" : "";
    long start = System.nanoTime();
    try {
      r.write(
          head
              + "Host: 127.0.0.1:"
              + port
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
              + body);
      int status = r.readStatus();
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      count(
          "upgrade-header",
          (publish ? "publish " : "poll ")
              + status
              + (seconds >= 5 ? " after >=5 s" : " within 5 s"));
    } catch (java.net.SocketTimeoutException e) {
      count("upgrade-header", (publish ? "publish " : "poll ") + "no answer in 40 s");
    } finally {
      r.drop();
    }
    pause(500);
  }

  /**
   * Short polls from earliest on {@link #BIG} (its whole retained history) or naming 300 topics,
   * alternately, each fully read; one every 2 s per thread.
   */
  private void bigShortPoll(int n) throws IOException {
    boolean many = (n + System.currentTimeMillis() / 2_000) % 2 == 0;
    StringBuilder path = new StringBuilder("/api/messages?since=earliest");
    if (many) {
      for (int i = 0; i < 300; i++) {
        path.append("&topic=soak/m/").append(i);
      }
    } else {
      path.append("&topic=").append(BIG);
    }
    Raw r = Raw.connect("127.0.0.6", port, 30_000);
    try {
      r.write(
          "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
      int status = r.readStatus();
      long bytes = r.drain();
      count("big-short-poll", (many ? "300 topics: " : "earliest on big: ") + status);
      if (!many && status == 200) {
        outcomes
            .computeIfAbsent("big-short-poll: KiB read", k -> new LongAdder())
            .add(bytes / 1024);
      }
    } finally {
      r.drop();
    }
    pause(2_000);
  }

  /**
   * 20 ticket requests a second with the test token, every fifth also trying to trade the ticket it
   * got for another one; none is ever used.
   */
  private void ticketFlood() throws IOException {
    for (int i = 0; i < 20 && !stopping; i++) {
      try {
        HttpResponse<String> r =
            Honest.HTTP.send(
                HttpRequest.newBuilder(base.resolve("api/ticket"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + Tokens.full())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        count("ticket-flood", "ticket " + r.statusCode());
        if (i % 5 == 0 && r.statusCode() == 200) {
          String ticket = Honest.parse(r.body()).getString("ticket");
          HttpResponse<String> again =
              Honest.HTTP.send(
                  HttpRequest.newBuilder(base.resolve("api/ticket?ticket=" + ticket))
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          count("ticket-flood", "ticket for a ticket " + again.statusCode());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    pause(1_000);
  }

  /**
   * 120 streams (SSE and WebSocket alternately) from one address, 20 past the default limit of 100,
   * held 5 s, dropped, then 5 s of rest.
   */
  private void connectionFlood() throws IOException {
    List<Raw> held = new ArrayList<>();
    try {
      for (int i = 0; i < 120 && !stopping; i++) {
        if (i % 2 == 0) {
          Raw r = Raw.connect("127.0.0.7", port, 5_000);
          held.add(r);
          count("connection-flood", "sse " + r.sse(port, "/api/sse?topic=" + honestTopics.get(1)));
        } else {
          Raw ws = Raw.webSocket("127.0.0.7", port, "/api/ws", 5_000);
          if (ws == null) {
            count("connection-flood", "ws upgrade refused");
          } else {
            held.add(ws);
            count("connection-flood", "ws upgraded");
          }
        }
      }
      pause(5_000);
    } finally {
      held.forEach(Raw::drop);
    }
    pause(5_000);
  }

  /**
   * Twice a second a WebSocket (subscribed from earliest) or an SSE stream that reads its first
   * bytes and then vanishes: an RST, or a close without any WebSocket close frame.
   */
  private void vanishing() throws IOException {
    long tick = System.currentTimeMillis() / 500;
    Raw r;
    if (tick % 2 == 0) {
      r = Raw.webSocket("127.0.0.8", port, "/api/ws", 2_000);
      if (r == null) {
        count("vanishing", "ws refused");
        pause(500);
        return;
      }
      r.write(
          Raw.textFrame(
              "{\"type\":\"subscribe\",\"topics\":[\""
                  + honestTopics.get(0)
                  + "\"],\"since\":\"earliest\"}"));
      r.readSome(4_096);
      count("vanishing", "ws");
    } else {
      r = Raw.connect("127.0.0.8", port, 2_000);
      count(
          "vanishing",
          "sse " + r.sse(port, "/api/sse?topic=" + honestTopics.get(0) + "&since=earliest"));
      r.readSome(4_096);
    }
    if (tick % 4 < 2) {
      r.drop();
    } else {
      r.close();
    }
    pause(500);
  }
}
