package io.herald.cluster;

import io.herald.testkit.Tokens;
import io.herald.testkit.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Minimal HTTP and SSE clients for the cluster tests (WebSocket: {@link WsClient}). Thread-safe.
 */
final class Clients {
  /** Every request carries a token with full permissions: security is on (docs/security.md). */
  private static final String BEARER = "Bearer " + Tokens.full();

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Clients() {}

  /**
   * A WebSocket to {@code /api/ws} of the instance at {@code base}, sending {@link Tokens#full()}.
   */
  static WsClient ws(String base) {
    return WsClient.open(URI.create(base + "/api/ws"));
  }

  /** An HTTP answer: status, Retry-After header and body. */
  record Answer(int status, String retryAfter, String body) {
    JsonObject json() {
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        return r.readObject();
      }
    }
  }

  static Answer publish(String base, String topic, String data) throws Exception {
    String body = "{\"topic\":\"" + topic + "\",\"event\":\"m\",\"data\":" + data + "}";
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + "/api/publish"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", BEARER)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return send(req);
  }

  /** MicroProfile Health readiness on the server root. */
  static Answer ready(String base) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .build());
  }

  /** A short poll ({@code timeout} null) or long poll ({@code timeout} seconds). */
  static Answer poll(String base, String topic, String since, Integer timeout) throws Exception {
    String path = timeout == null ? "/api/messages" : "/api/poll";
    // The largest page: these tests count whole histories in one answer.
    StringBuilder q = new StringBuilder(path).append("?topic=").append(topic).append("&limit=1000");
    if (since != null) {
      q.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
    }
    if (timeout != null) {
      q.append("&timeout=").append(timeout);
    }
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + q))
            .timeout(Duration.ofSeconds(timeout == null ? 10 : timeout + 10))
            .header("Authorization", BEARER)
            .build();
    return send(req);
  }

  /** {@code GET /api/presence?topic=T}. */
  static Answer presence(String base, String topic) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/presence?topic=" + topic))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", BEARER)
            .build());
  }

  private static Answer send(HttpRequest req) throws Exception {
    HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body());
  }

  /** The data of the messages in a poll answer, in order. */
  static List<String> data(JsonObject poll) {
    List<String> out = new ArrayList<>();
    for (JsonObject m : poll.getJsonArray("messages").getValuesAs(JsonObject.class)) {
      out.add(m.get("data").toString());
    }
    return out;
  }

  static List<String> ids(JsonArray messages) {
    List<String> out = new ArrayList<>();
    for (JsonObject m : messages.getValuesAs(JsonObject.class)) {
      out.add(m.getString("id"));
    }
    return out;
  }

  /** One SSE event as received. */
  record Event(String id, String name, String data) {
    JsonObject json() {
      try (JsonReader r = Json.createReader(new StringReader(data))) {
        return r.readObject();
      }
    }
  }

  /** An open SSE stream, read on its own thread into a queue; ends with an "eof" event. */
  static final class Sse implements AutoCloseable {
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;

    Sse(String base, String topic, String lastEventId) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + "/api/sse?topic=" + topic))
              .header("Accept", "text/event-stream")
              .header("Authorization", BEARER);
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("SSE answered " + r.statusCode());
      }
      body = r.body();
      Thread t = new Thread(this::read, "sse-" + topic);
      t.setDaemon(true);
      t.start();
    }

    private void read() {
      String id = null;
      String name = "message";
      StringBuilder data = new StringBuilder();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              events.add(new Event(id, name, data.toString()));
            }
            id = null;
            name = "message";
            data.setLength(0);
          } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("event:")) {
            name = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).trim());
          }
        }
      } catch (IOException e) {
        // connection closed or broken
      }
      events.add(new Event(null, "eof", ""));
    }

    /** The next event within {@code seconds}, or null. */
    Event next(int seconds) throws InterruptedException {
      return events.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next event with this name (skipping others), or null. */
    Event next(String name, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e != null && (e.name().equals(name) || e.name().equals("eof"))) {
          return e;
        }
      }
      return null;
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
