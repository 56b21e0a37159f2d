package io.herald.testclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A subscription over Server-Sent Events ({@code GET /api/sse}). Its reader thread parses the
 * stream; {@code subscribed} events set the cursor, message events are recorded. Thread-safe as
 * {@link Subscription}. Made by {@link HeraldClient#sse}.
 */
public final class SseSubscription extends Subscription {
  private final HttpResponse<InputStream> response;
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private volatile boolean closed;

  SseSubscription(HttpResponse<InputStream> response, Duration openWithin) {
    super("sse");
    this.response = response;
    Thread reader = new Thread(this::read, "herald-sse-subscription");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!subscribed.await(openWithin.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError(
            "sse: no subscribed event within "
                + openWithin
                + (failure() == null ? "" : ": " + failure()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while opening the stream", e);
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      SseParser.read(in, this::onEvent);
      if (!closed) {
        fail("the server ended the stream");
      }
    } catch (IOException e) {
      if (!closed) {
        fail("stream failed: " + e);
      }
    }
  }

  private void onEvent(SseEvent e) {
    switch (e.event()) {
      case "subscribed" -> {
        advance(Json.object(e.data()).getString("cursor", null));
        subscribed.countDown();
      }
      case "gap" -> {}
      default -> {
        if (e.id() != null) {
          record(Message.of(Json.object(e.data())));
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      // Cancelling the request would leave the connection open; closing the body ends it.
      response.body().close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
