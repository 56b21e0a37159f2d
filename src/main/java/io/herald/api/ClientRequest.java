package io.herald.api;

import jakarta.json.JsonValue;
import java.security.Principal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * CDI event fired when a client sends a request (WebSocket {@code request} frame, {@code POST
 * /api/request}): the application answers it with {@link #reply} or {@link #fail}, in the observer
 * or later from any thread, before the request's timeout. The first answer wins; later ones, and
 * answers after the timeout, are ignored (the methods return {@code false}).
 *
 * <pre>{@code
 * void price(@Observes ClientRequest r) {
 *   if (r.topic().equals("quotes/ask")) r.reply(Json.createValue(quote(r.data())));
 * }
 * }</pre>
 *
 * <p>Thread-safe: the answer is a {@link CompletableFuture}. Fired by {@link ClientRequests} on the
 * request's thread.
 */
public final class ClientRequest {
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final String topic;
  private final JsonValue data;
  private final Principal caller;
  private final String transport;
  private final CompletableFuture<JsonValue> answer;

  /**
   * A request as Herald fires it; applications build one in their unit tests.
   *
   * @param answer completed by {@link #reply} or, exceptionally with a {@link Failed}, by {@link
   *     #fail}
   */
  public ClientRequest(
      String topic,
      JsonValue data,
      Principal caller,
      String transport,
      CompletableFuture<JsonValue> answer) {
    this.topic = topic;
    this.data = data;
    this.caller = caller;
    this.transport = transport;
    this.answer = Objects.requireNonNull(answer, "answer");
  }

  /** The topic the client addressed the request to (it may publish to it). */
  public String topic() {
    return topic;
  }

  public JsonValue data() {
    return data;
  }

  /** The authenticated caller, or {@code null} when anonymous. */
  public Principal caller() {
    return caller;
  }

  /** {@code "http"} or {@code "websocket"}. */
  public String transport() {
    return transport;
  }

  /**
   * Answers the request with {@code data}.
   *
   * @return whether this was the answer (false if answered or timed out before)
   */
  public boolean reply(JsonValue data) {
    return answer.complete(Objects.requireNonNull(data, "data"));
  }

  /**
   * Answers the request with an application error: the client gets {@code code} and {@code message}
   * (WebSocket {@code error} frame; HTTP 422 problem with that code).
   *
   * @param code 1–64 characters {@code a-z 0-9 -}, starting with a letter or digit
   * @return whether this was the answer (false if answered or timed out before)
   * @throws IllegalArgumentException if the code is not of that form
   */
  public boolean fail(String code, String message) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("a failure code is 1-64 characters a-z 0-9 -: " + code);
    }
    return answer.completeExceptionally(new Failed(code, message == null ? code : message));
  }

  /** Whether the request has been answered (or has timed out). */
  public boolean answered() {
    return answer.isDone();
  }

  /** An application's refusal of a request, carried by the answer: its code and message. */
  public static final class Failed extends RuntimeException {
    private final String code;

    Failed(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    /** The application's code, e.g. {@code out-of-stock}. */
    public String code() {
      return code;
    }
  }
}
