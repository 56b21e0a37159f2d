package io.herald.testclient;

import jakarta.json.JsonObject;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A subscription over Herald's WebSocket ({@code /api/ws}): sends one {@code subscribe} frame and
 * waits for its {@code subscribed} answer before returning, so nothing published afterwards can be
 * missed. Message frames are recorded; an {@code error} frame or a close ends the subscription with
 * a {@link #failure()}. Thread-safe as {@link Subscription}. Made by {@link
 * HeraldClient#webSocket}.
 */
public final class WebSocketSubscription extends Subscription {
  private final StringBuilder partial = new StringBuilder();
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private volatile WebSocket socket;
  private volatile boolean closed;

  WebSocketSubscription() {
    super("websocket");
  }

  /** Sends the subscribe frame on an open socket and waits for its answer. */
  void subscribe(WebSocket ws, String since, List<String> topics, Duration within) {
    this.socket = ws;
    String frame =
        "{\"type\":\"subscribe\",\"topics\":["
            + topics.stream().map(Json::quote).collect(Collectors.joining(","))
            + "]"
            + (since == null ? "" : ",\"since\":" + Json.quote(since))
            + "}";
    ws.sendText(frame, true).join();
    try {
      if (!subscribed.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError(
            "websocket: no subscribed frame within "
                + within
                + (failure() == null ? "" : ": " + failure()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while subscribing", e);
    }
    if (failure() != null) {
      close();
      throw new AssertionError("websocket: subscribe to " + topics + " " + failure());
    }
  }

  /** The listener to open the socket with. */
  WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          onFrame(Json.object(text));
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        if (!closed) {
          fail("closed by the server: " + statusCode + " " + reason);
        }
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        if (!closed) {
          fail("failed: " + error);
        }
      }
    };
  }

  /** Handles one server frame (package-private for the unit tests). */
  void onFrame(JsonObject frame) {
    switch (frame.getString("type", "")) {
      case "subscribed" -> {
        advance(frame.getString("cursor", null));
        subscribed.countDown();
      }
      case "message" -> record(Message.of(frame));
      case "error" -> {
        fail("error frame: " + frame);
        subscribed.countDown();
      }
      default -> {}
    }
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      if (!ws.isOutputClosed()) {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      }
      ws.abort();
    }
  }
}
