package io.herald.api;

import io.herald.hub.Names;
import jakarta.json.JsonValue;
import java.security.Principal;

/**
 * CDI event fired synchronously before a client's publish is stored, on every transport. Observers
 * may {@link #reject} it (the client gets 422 or a WebSocket error frame with code {@code
 * rejected}) or replace its {@link #data(JsonValue) data} or {@link #event(String) event}. A
 * rejection in a batch rejects the whole batch.
 *
 * <p>Not thread-safe: one instance per publish, handed to observers in turn on the request thread.
 * Applications may construct it in their own unit tests.
 */
public final class ClientPublishing {
  private final String topic;
  private final Principal caller;
  private final String transport;
  private String event;
  private JsonValue data;
  private String rejection;

  /**
   * @param topic the validated topic
   * @param event the validated event name
   * @param data the payload
   * @param caller the authenticated caller, or {@code null} when anonymous
   * @param transport {@code "http"} or {@code "websocket"}
   */
  public ClientPublishing(
      String topic, String event, JsonValue data, Principal caller, String transport) {
    this.topic = topic;
    this.event = event;
    this.data = data;
    this.caller = caller;
    this.transport = transport;
  }

  public String topic() {
    return topic;
  }

  public String event() {
    return event;
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

  /** Replaces the payload that will be stored. */
  public void data(JsonValue replacement) {
    if (replacement == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    this.data = replacement;
  }

  /** Replaces the event name that will be stored (validated like a client's). */
  public void event(String replacement) {
    this.event = Names.event(replacement);
  }

  /** Refuses the publish; {@code reason} is shown to the client. */
  public void reject(String reason) {
    this.rejection = reason == null ? "rejected" : reason;
  }

  /** The rejection reason, or {@code null} if not rejected. */
  public String rejection() {
    return rejection;
  }
}
