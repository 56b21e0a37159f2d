package io.herald.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test WebSocket client collecting server frames as JSON objects, in arrival order. A binary
 * frame is collected as {@code {"type":"binary-frame","header":"<text before the first
 * newline>","bytes":"<base64 of the rest>"}} (a shape made here, not sent by the server), so tests
 * see its exact header and bytes in order with the text frames.
 */
public final class WsClient implements AutoCloseable {
  /** The {@code type} this client gives a binary frame it collected. */
  public static final String BINARY_FRAME = "binary-frame";

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
  private volatile WebSocket socket;
  private volatile Integer closeCode;
  private volatile String closeReason;
  private volatile Throwable failure;

  private WsClient() {}

  /** Opens a connection sending {@link Tokens#full()}. */
  public static WsClient open(URI uri) {
    return open(uri, Tokens.full(), null);
  }

  /**
   * @param token bearer token for the upgrade request, or null for none
   * @param origin {@code Origin} header, or null for none
   */
  public static WsClient open(URI uri, String token, String origin) {
    return open(uri, token, origin, new String[0]);
  }

  /**
   * @param subprotocols the subprotocols to offer, most wanted first; none offers none
   */
  public static WsClient open(URI uri, String token, String origin, String... subprotocols) {
    WsClient c = new WsClient();
    URI ws = URI.create(uri.toString().replaceFirst("^http", "ws"));
    WebSocket.Builder b =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (subprotocols.length > 0) {
      b.subprotocols(
          subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    c.socket = b.buildAsync(ws, c.listener()).join();
    return c;
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try (JsonReader r = Json.createReader(new StringReader(partial.toString()))) {
            frames.add(r.readObject());
          }
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
          byte[] all = partialBinary.toByteArray();
          partialBinary.reset();
          int newline = 0;
          while (newline < all.length && all[newline] != '\n') {
            newline++;
          }
          byte[] rest =
              newline < all.length
                  ? java.util.Arrays.copyOfRange(all, newline + 1, all.length)
                  : new byte[0];
          frames.add(
              Json.createObjectBuilder()
                  .add("type", BINARY_FRAME)
                  .add(
                      "header",
                      new String(all, 0, newline, java.nio.charset.StandardCharsets.UTF_8))
                  .add("bytes", java.util.Base64.getEncoder().encodeToString(rest))
                  .build());
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeReason = reason;
        closeCode = statusCode;
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        failure = error;
      }
    };
  }

  /** Sends a binary frame. */
  public WsClient sendBinary(byte[] bytes) {
    socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /** Sends a text frame. */
  public WsClient send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  /** The next frame, failing after 10 s. */
  public JsonObject next() {
    try {
      JsonObject f = frames.poll(10, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next frame of the given type, skipping others (which are returned in the list). */
  public JsonObject next(String type) {
    return next(f -> type.equals(f.getString("type")));
  }

  public JsonObject next(Predicate<JsonObject> wanted) {
    while (true) {
      JsonObject f = next();
      if (wanted.test(f)) {
        return f;
      }
    }
  }

  /** The next {@code n} message frames. */
  public List<JsonObject> messages(int n) {
    List<JsonObject> out = new ArrayList<>(n);
    while (out.size() < n) {
      out.add(next("message"));
    }
    return out;
  }

  /** A frame if one arrives within {@code millis}, else null. */
  public JsonObject poll(long millis) throws InterruptedException {
    return frames.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Subscribes and returns the {@code subscribed} frame. */
  public JsonObject subscribe(String since, String... topics) {
    StringBuilder b = new StringBuilder("{\"type\":\"subscribe\",\"topics\":[");
    for (int i = 0; i < topics.length; i++) {
      b.append(i > 0 ? ",\"" : "\"").append(topics[i]).append('"');
    }
    b.append(']');
    if (since != null) {
      b.append(",\"since\":\"").append(since).append('"');
    }
    send(b.append('}').toString());
    return next("subscribed");
  }

  /** Opens a connection with {@link Tokens#full()} offering {@code herald.v1}. */
  public static WsClient openV1(URI uri) {
    return open(uri, Tokens.full(), null, "herald.v1");
  }

  /** The subprotocol the server selected, or the empty string for none. */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public Integer closeCode() {
    return closeCode;
  }

  /** The reason of the server's close frame, once closed. */
  public String closeReason() {
    return closeReason;
  }

  /**
   * Waits up to {@code millis} for the server to close the connection; returns the code or null.
   */
  public Integer awaitClose(long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (closeCode == null && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return closeCode;
  }

  /**
   * What ended the connection other than a close frame (e.g. the server reset it with frames of
   * ours still unread, which can discard its close frame in transit), or {@code null}.
   */
  public Throwable failure() {
    return failure;
  }

  /** Drops the connection without a close handshake. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
