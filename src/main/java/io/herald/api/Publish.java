package io.herald.api;

/**
 * A CDI event application code can fire to publish: {@code @Inject Event<Publish> bus; bus.fire(new
 * Publish("prices/ACME", quote));}. Observed synchronously, so invalid input throws back to the
 * firer.
 *
 * <p>Immutable.
 *
 * @param topic topic to publish on
 * @param event event name, or {@code null} for {@code "message"}
 * @param data payload: a JSON-P value, a JSON-B-mappable object, a string or a number
 */
public record Publish(String topic, String event, Object data) {

  /** A {@code "message"} event. */
  public Publish(String topic, Object data) {
    this(topic, null, data);
  }
}
