package io.herald.soak;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One honest subscriber of the soak test: subscribes to the honest topics from {@code earliest}
 * (empty when it starts), records every message's sequence number per topic, and after any
 * disconnect (its own planned ones every 10-30 s, or the server's) resumes from the id of the last
 * message it got. {@link #verify} then says whether it got every message exactly once, in order.
 *
 * <p>Runs on its own thread; the ledger is read by the test thread once the client has stopped (or,
 * for progress, while it runs: the per-topic lists are synchronized).
 */
abstract class Honest implements Runnable {
  /** The transport kinds, a few clients of each. */
  enum Kind {
    WS,
    SSE,
    LONG_POLL,
    SHORT_POLL
  }

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final String name;
  final URI base;
  final List<String> topics;
  final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
  final AtomicLong gaps = new AtomicLong();
  final AtomicLong connects = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final Random random;
  volatile boolean stop;

  /** The id of the last message received; null until one came (then resume is from earliest). */
  volatile String cursor;

  Honest(String name, URI base, List<String> topics, long seed) {
    this.name = name;
    this.base = base;
    this.topics = topics;
    this.random = new Random(seed);
    topics.forEach(t -> seen.put(t, java.util.Collections.synchronizedList(new ArrayList<>())));
  }

  static Honest of(Kind kind, String name, URI base, List<String> topics, long seed) {
    return switch (kind) {
      case WS -> new Ws(name, base, topics, seed);
      case SSE -> new Sse(name, base, topics, seed);
      case LONG_POLL -> new Poll(name, base, topics, seed, true);
      case SHORT_POLL -> new Poll(name, base, topics, seed, false);
    };
  }

  /** Records one message object (the wire model: id, topic, data.seq). */
  final void record(JsonObject message) {
    List<Integer> list = seen.get(message.getString("topic"));
    if (list != null) {
      list.add(message.getJsonObject("data").getInt("seq"));
    }
    cursor = message.getString("id");
  }

  final String since() {
    return cursor == null ? "earliest" : cursor;
  }

  final String topicQuery() {
    StringBuilder q = new StringBuilder();
    for (String t : topics) {
      q.append(q.length() == 0 ? "topic=" : "&topic=").append(t);
    }
    return q.toString();
  }

  /** True once every topic has at least {@code count} messages recorded. */
  final boolean reached(int count) {
    return seen.values().stream().allMatch(l -> l.size() >= count);
  }

  /**
   * Null if every topic got 1..{@code count} exactly once in order and no gap; else what went
   * wrong.
   */
  final String verify(int count) {
    List<String> problems = new ArrayList<>();
    if (gaps.get() > 0) {
      problems.add(gaps.get() + " gap signal(s)");
    }
    seen.forEach(
        (topic, list) -> {
          List<Integer> got;
          synchronized (list) {
            got = new ArrayList<>(list);
          }
          int missing = 0;
          int dups = 0;
          int outOfOrder = 0;
          java.util.BitSet have = new java.util.BitSet();
          int last = 0;
          for (int s : got) {
            if (have.get(s)) {
              dups++;
            }
            have.set(s);
            if (s < last) {
              outOfOrder++;
            }
            last = s;
          }
          for (int s = 1; s <= count; s++) {
            if (!have.get(s)) {
              missing++;
            }
          }
          int extra = have.cardinality() - (count - missing);
          if (missing + dups + outOfOrder + extra > 0) {
            problems.add(
                topic
                    + ": "
                    + got.size()
                    + " received of "
                    + count
                    + ", missing "
                    + missing
                    + ", duplicates "
                    + dups
                    + ", out of order "
                    + outOfOrder
                    + ", unknown "
                    + extra);
          }
        });
    return problems.isEmpty() ? null : name + ": " + String.join("; ", problems);
  }

  /** How long this connection lives before the client drops it on purpose, to exercise resume. */
  final long plannedLifeMillis() {
    return 10_000 + random.nextInt(20_000);
  }

  static JsonObject parse(String text) {
    try (JsonReader r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public final void run() {
    while (!stop && !Thread.currentThread().isInterrupted()) {
      connects.incrementAndGet();
      try {
        once();
      } catch (Exception e) {
        failures.incrementAndGet();
        pause(500);
      }
    }
  }

  /**
   * One connection (or one poll): returns when it ended, was dropped on purpose, or stop was set.
   */
  abstract void once() throws Exception;

  /** A WebSocket subscriber (java.net.http, which answers the server's pings by itself). */
  static final class Ws extends Honest {
    Ws(String name, URI base, List<String> topics, long seed) {
      super(name, base, topics, seed);
    }

    @Override
    void once() throws Exception {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      StringBuilder partial = new StringBuilder();
      WebSocket.Listener listener =
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              partial.append(data);
              if (last) {
                JsonObject f = parse(partial.toString());
                partial.setLength(0);
                switch (f.getString("type")) {
                  case "message" -> record(f);
                  case "gap" -> gaps.incrementAndGet();
                  default -> {}
                }
              }
              ws.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
              closed.complete(null);
              return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
              closed.complete(null);
            }
          };
      WebSocket ws =
          HTTP.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .buildAsync(
                  URI.create(base.toString().replaceFirst("^http", "ws") + "api/ws"), listener)
              .get(10, TimeUnit.SECONDS);
      StringBuilder sub = new StringBuilder("{\"type\":\"subscribe\",\"topics\":[");
      for (int i = 0; i < topics.size(); i++) {
        sub.append(i > 0 ? ",\"" : "\"").append(topics.get(i)).append('"');
      }
      sub.append("],\"since\":\"").append(since()).append("\"}");
      ws.sendText(sub.toString(), true).get(10, TimeUnit.SECONDS);
      long end = System.currentTimeMillis() + plannedLifeMillis();
      while (!stop && !closed.isDone() && System.currentTimeMillis() < end) {
        pause(100);
      }
      ws.abort();
    }
  }

  /** An SSE subscriber that resumes with {@code Last-Event-ID}. */
  static final class Sse extends Honest {
    Sse(String name, URI base, List<String> topics, long seed) {
      super(name, base, topics, seed);
    }

    @Override
    void once() throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve("api/sse?" + topicQuery()))
              .header("Accept", "text/event-stream");
      if (cursor == null) {
        b.uri(base.resolve("api/sse?" + topicQuery() + "&since=earliest"));
      } else {
        b.header("Last-Event-ID", cursor);
      }
      HttpResponse<InputStream> r =
          HTTP.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream())
              .get(10, TimeUnit.SECONDS);
      InputStream body = r.body();
      if (r.statusCode() != 200) {
        body.close();
        failures.incrementAndGet();
        pause(1_000);
        return;
      }
      long life = plannedLifeMillis();
      Thread closer =
          new Thread(
              () -> {
                long end = System.currentTimeMillis() + life;
                while (!stop && System.currentTimeMillis() < end) {
                  pause(100);
                }
                try {
                  body.close();
                } catch (Exception e) {
                  // Already closed.
                }
              },
              name + "-closer");
      closer.setDaemon(true);
      closer.start();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String event = null;
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isEmpty()) {
            if ("gap".equals(event)) {
              gaps.incrementAndGet();
            } else if ((event == null || !event.equals("subscribed")) && data != null) {
              record(parse(data.toString()));
            }
            event = null;
            data = null;
          } else if (line.startsWith("event:")) {
            event = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            String v = line.substring(5).replaceFirst("^ ", "");
            data = data == null ? new StringBuilder(v) : data.append('\n').append(v);
          }
        }
      } catch (java.io.IOException e) {
        // Closed by the closer or the server: resume.
      } finally {
        closer.interrupt();
      }
    }
  }

  /**
   * A long-poll ({@code /api/poll}, 5 s timeout) or short-poll ({@code /api/messages}) subscriber.
   */
  static final class Poll extends Honest {
    private final boolean longPoll;
    final AtomicLong slowest = new AtomicLong();

    Poll(String name, URI base, List<String> topics, long seed, boolean longPoll) {
      super(name, base, topics, seed);
      this.longPoll = longPoll;
    }

    @Override
    void once() throws Exception {
      String path =
          (longPoll ? "api/poll?timeout=5&" : "api/messages?")
              + topicQuery()
              + "&since="
              + URLEncoder.encode(since(), StandardCharsets.UTF_8);
      long start = System.nanoTime();
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .timeout(Duration.ofSeconds(70))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (!longPoll) {
        slowest.accumulateAndGet(millis, Math::max);
      }
      if (r.statusCode() != 200) {
        failures.incrementAndGet();
        pause(1_000);
        return;
      }
      JsonObject body = parse(r.body());
      if (!body.getJsonArray("gap").isEmpty()) {
        gaps.incrementAndGet();
      }
      body.getJsonArray("messages").getValuesAs(JsonObject.class).forEach(this::record);
      if (body.containsKey("cursor") && !body.isNull("cursor")) {
        cursor = body.getString("cursor");
      }
      if (!longPoll) {
        pause(300);
      }
    }
  }
}
