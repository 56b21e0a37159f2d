package io.herald.testkit;

import io.herald.testclient.SseParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * A raw SSE reader for protocol tests: every event of the stream (subscribed, gap, retry, ...) in
 * order, parsed on its own thread by herald-test-client's {@link SseParser}. Tests of what arrives
 * rather than how use {@link io.herald.testclient.HeraldClient#sse} instead.
 */
public final class SseClient implements AutoCloseable {
  /** One server-sent event; {@code id} is null when the event had no id field. */
  public record Event(String id, String event, String data, Long retry) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final HttpResponse<InputStream> response;
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens a stream sending {@link Tokens#full()}. */
  public static SseClient open(URI uri, String lastEventId) {
    return open(uri, lastEventId, Tokens.full());
  }

  /**
   * @param token bearer token, or null for none
   */
  public static SseClient open(URI uri, String lastEventId, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofMinutes(5));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      return new SseClient(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int status() {
    return response.statusCode();
  }

  /** The first value of a response header, or the empty string. */
  public String header(String name) {
    return response.headers().firstValue(name).orElse("");
  }

  public String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      SseParser.read(in, e -> events.add(new Event(e.id(), e.event(), e.data(), e.retry())));
    } catch (IOException e) {
      // Closed by the test or the server.
    }
  }

  /** The next event, failing after 10 s. */
  public Event next() {
    try {
      Event e = events.poll(10, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no SSE event within 10 s");
      }
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An event if one arrives within {@code millis}, else null. */
  public Event poll(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The next {@code n} events named other than subscribed/gap. */
  public List<Event> messages(int n) {
    List<Event> out = new ArrayList<>(n);
    while (out.size() < n) {
      Event e = next();
      if (!e.event().equals("subscribed") && !e.event().equals("gap")) {
        out.add(e);
      }
    }
    return out;
  }

  /** Waits up to {@code millis} for the server to end the stream; true if it did. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    reader.join(millis);
    return !reader.isAlive();
  }

  /** Closes the stream (cancelling the request would leave the connection open). */
  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
