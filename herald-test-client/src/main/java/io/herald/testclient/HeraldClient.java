package io.herald.testclient;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A client of one Herald (an application's context root) for tests: publish over HTTP, read with
 * short and long polls, and open {@link Subscription}s over WebSocket, SSE, long poll or short poll
 * that record what the application pushed.
 *
 * <pre>{@code
 * HeraldClient herald = HeraldClient.to(URI.create("http://localhost:8080/orders/"));
 * try (Subscription ws = herald.webSocket(null, "orders/1")) {
 *   // ... make the application publish ...
 *   ws.awaitExactly("orders/1", 1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #withBearer} and {@link #withTickets} return new clients.
 * Speaks HTTP/1.1 (an h2c upgrade would confuse streams). Requests answered with an unexpected
 * status throw {@link UnexpectedResponseException}.
 */
public final class HeraldClient {
  /** How long opening a stream may take before the subscription fails. */
  public static final Duration OPEN_WITHIN = Duration.ofSeconds(10);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  private final URI base;
  private final String bearer;
  private final boolean tickets;
  private final HttpClient http;

  private HeraldClient(URI base, String bearer, boolean tickets, HttpClient http) {
    this.base = base;
    this.bearer = bearer;
    this.tickets = tickets;
    this.http = http;
  }

  /**
   * A client of the Herald under {@code base}: the application's root URL (Herald's endpoints are
   * {@code base + "api/..."}), with or without a trailing slash. Anonymous until {@link
   * #withBearer}.
   */
  public static HeraldClient to(URI base) {
    String s = base.toString();
    return new HeraldClient(
        URI.create(s.endsWith("/") ? s : s + "/"),
        null,
        false,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build());
  }

  /** The same server, sending {@code Authorization: Bearer <jwt>} (null: anonymous). */
  public HeraldClient withBearer(String jwt) {
    return new HeraldClient(base, jwt, tickets, http);
  }

  /**
   * The same server, opening each SSE stream and WebSocket with a fresh single-use ticket ({@code
   * POST /api/ticket} with the bearer token, then {@code ?ticket=}), as a browser would.
   */
  public HeraldClient withTickets() {
    if (bearer == null) {
      throw new IllegalStateException(
          "a ticket is traded for a bearer token: call withBearer first");
    }
    return new HeraldClient(base, bearer, true, http);
  }

  /** The application's root URL this client talks to. */
  public URI base() {
    return base;
  }

  /**
   * Publishes one message ({@code POST /api/publish}) and returns its id.
   *
   * @param event the event name, or null for the default
   * @param dataJson the payload as JSON text, e.g. {@code "{\"total\":42}"} or {@code "\"hi\""}
   */
  public String publish(String topic, String event, String dataJson) {
    Json.value(dataJson); // Refuse malformed JSON here, with its position, not as a server 400.
    String body =
        "{\"topic\":"
            + Json.quote(topic)
            + (event == null ? "" : ",\"event\":" + Json.quote(event))
            + ",\"data\":"
            + dataJson
            + "}";
    HttpResponse<String> r =
        send(
            "POST api/publish",
            request("api/publish")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            201);
    return Json.object(r.body()).getString("id");
  }

  /**
   * One short poll ({@code GET /api/messages}).
   *
   * @param since a cursor, {@code "earliest"}, or null for "from now" (no messages, the cursor)
   */
  public Page messages(String since, List<String> topics) {
    String q = query(since, topics);
    return Page.of(
        Json.object(send("GET api/messages" + q, request("api/messages" + q), 200).body()));
  }

  /** As {@link #messages(String, List)}. */
  public Page messages(String since, String... topics) {
    return messages(since, Arrays.asList(topics));
  }

  /**
   * One long poll ({@code GET /api/poll}): answers when a message is there or after {@code timeout}
   * with none.
   */
  public Page longPoll(String since, Duration timeout, List<String> topics) {
    String q = query(since, topics) + "&timeout=" + timeout.toSeconds();
    return Page.of(Json.object(send("GET api/poll" + q, request("api/poll" + q), 200).body()));
  }

  /** Every message retained for {@code topic}, oldest first ({@code GET /api/history}). */
  public List<Message> history(String topic) {
    String q = "?topic=" + encode(topic);
    JsonObject body =
        Json.object(send("GET api/history" + q, request("api/history" + q), 200).body());
    return body.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
        .map(Message::of)
        .toList();
  }

  /** A single-use ticket for one SSE stream or WebSocket ({@code POST /api/ticket}). */
  public String ticket() {
    HttpResponse<String> r =
        send(
            "POST api/ticket",
            request("api/ticket").POST(HttpRequest.BodyPublishers.noBody()),
            200);
    return Json.object(r.body()).getString("ticket");
  }

  /**
   * Subscribes over WebSocket and waits for the {@code subscribed} answer.
   *
   * @param since a cursor to resume from, {@code "earliest"}, or null for "from now"
   */
  public WebSocketSubscription webSocket(String since, String... topics) {
    WebSocketSubscription sub = new WebSocketSubscription();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(OPEN_WITHIN);
    String path = "api/ws";
    if (tickets) {
      path += "?ticket=" + encode(ticket());
    } else if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    URI ws = URI.create(base.resolve(path).toString().replaceFirst("^http", "ws"));
    WebSocket socket;
    try {
      socket = b.buildAsync(ws, sub.listener()).join();
    } catch (CompletionException e) {
      throw new AssertionError("websocket: could not open " + ws + ": " + e.getCause(), e);
    }
    sub.subscribe(socket, since, Arrays.asList(topics), OPEN_WITHIN);
    return sub;
  }

  /**
   * Subscribes over SSE and waits for the {@code subscribed} event.
   *
   * @param since a cursor to resume from (sent as {@code Last-Event-ID}), or null for "from now"
   */
  public SseSubscription sse(String since, String... topics) {
    String path = "api/sse" + query(null, Arrays.asList(topics));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(tickets ? path + "&ticket=" + encode(ticket()) : path))
            .header("Accept", "text/event-stream")
            .GET();
    if (!tickets && bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (since != null) {
      b.header("Last-Event-ID", since);
    }
    HttpResponse<InputStream> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (r.statusCode() != 200) {
      String body;
      try (InputStream in = r.body()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "(unreadable: " + e + ")";
      }
      throw new UnexpectedResponseException("GET " + path, r.statusCode(), body);
    }
    return new SseSubscription(r, OPEN_WITHIN);
  }

  /**
   * Subscribes by long polling: one {@code GET /api/poll} after another, each from the last cursor,
   * each waiting at most {@code timeout} on the server.
   */
  public PollSubscription longPolling(String since, Duration timeout, String... topics) {
    return new PollSubscription(this, since, Arrays.asList(topics), timeout, null);
  }

  /** Subscribes by short polling: one {@code GET /api/messages} every {@code interval}. */
  public PollSubscription shortPolling(String since, Duration interval, String... topics) {
    return new PollSubscription(this, since, Arrays.asList(topics), null, interval);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b;
  }

  private HttpResponse<String> send(String what, HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new UnexpectedResponseException(what, r.statusCode(), r.body());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    }
  }

  private static String query(String since, List<String> topics) {
    String q =
        topics.stream().map(t -> "topic=" + encode(t)).collect(Collectors.joining("&", "?", ""));
    return since == null ? q : q + "&since=" + encode(since);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
