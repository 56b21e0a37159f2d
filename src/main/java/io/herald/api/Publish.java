package io.herald.api;

/**
 * A CDI event application code can fire to publish: {@code @Inject Event<Publish> bus; bus.fire(new
 * Publish("prices/ACME", quote));}. Observed synchronously: invalid input throws back to the firer.
 * Inside a JTA transaction the message is stored and delivered only after the transaction commits,
 * and not at all if it rolls back ({@link Herald#publishAfterCommit}); outside one, at once. {@code
 * fireAsync} is refused: its stage completes exceptionally with an {@link
 * UnsupportedOperationException} and nothing is published.
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
