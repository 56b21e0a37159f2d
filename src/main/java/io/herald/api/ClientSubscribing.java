package io.herald.api;

import java.security.Principal;
import java.util.List;

/**
 * CDI event fired synchronously before a client subscribes or reads history, on every transport,
 * after Herald's own access policy allowed it: an observer may {@link #refuse} it ("may alice watch
 * {@code orders/42}?"). A refused client gets a 403 {@code forbidden} problem, or a WebSocket
 * {@code error} frame with code {@code forbidden}, carrying the observer's reason; nothing is
 * subscribed or read.
 *
 * <p>Not thread-safe: one instance per request, handed to observers in turn on the request thread.
 * Applications may construct it in their own unit tests.
 */
public final class ClientSubscribing {
  /** What the client asks for. */
  public enum Reading {
    /** Live messages (WebSocket or SSE subscribe, a poll), possibly with a resume. */
    SUBSCRIBE,
    /** One page of stored history (WebSocket {@code history} frame, {@code GET /api/history}). */
    HISTORY
  }

  private final List<String> topics;
  private final Principal caller;
  private final String transport;
  private final Reading reading;
  private String refusal;

  /**
   * @param topics the validated topics asked for
   * @param caller the authenticated caller, or {@code null} when anonymous
   * @param transport {@code "websocket"}, {@code "sse"}, {@code "long-poll"} or {@code "http"}
   *     (short polls and history reads)
   * @param reading live messages or a history page
   */
  public ClientSubscribing(
      List<String> topics, Principal caller, String transport, Reading reading) {
    this.topics = List.copyOf(topics);
    this.caller = caller;
    this.transport = transport;
    this.reading = reading;
  }

  /** The topics asked for, all of which the refusal (if any) covers. */
  public List<String> topics() {
    return topics;
  }

  /** The authenticated caller, or {@code null} when anonymous. */
  public Principal caller() {
    return caller;
  }

  /** {@code "websocket"}, {@code "sse"}, {@code "long-poll"} or {@code "http"}. */
  public String transport() {
    return transport;
  }

  /** Live messages or a history page. */
  public Reading reading() {
    return reading;
  }

  /** Refuses the request; {@code reason} is shown to the client. */
  public void refuse(String reason) {
    this.refusal = reason == null || reason.isBlank() ? "refused" : reason;
  }

  /** The refusal reason, or {@code null} if not refused. */
  public String refusal() {
    return refusal;
  }
}
