package io.herald.api;

import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.JsonP;
import io.herald.hub.Message;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.function.Function;

/**
 * Publishing from application code: inject it and call {@link #publish} (stored and delivered at
 * once, whether or not a transaction is active) or {@link #publishAfterCommit} (held back until the
 * caller's JTA transaction commits, dropped if it rolls back). Payloads may be JSON-P values,
 * JSON-B-mappable objects (records, beans, collections) or plain strings and numbers; they are
 * mapped by the application's own {@link Jsonb} if it produces one (its adapters and config apply),
 * else by a default one.
 *
 * <p>Thread-safe; application-scoped; usable from any thread, the container's or not (the
 * transaction registry is looked up only by {@code publishAfterCommit}, and a thread where it
 * cannot be found has no transaction, so it publishes at once). Application publishes skip {@link
 * ClientPublishing}.
 */
@ApplicationScoped
public class Herald {
  @Inject Hub hub;
  @Inject Instance<Jsonb> jsonbs;

  /** Maps a payload object to JSON text: {@link Jsonb#toJson(Object)} of the chosen Jsonb. */
  private Function<Object, String> toJsonText;

  private AfterCommit afterCommit;

  /** For CDI. */
  public Herald() {}

  /**
   * For tests: a Herald on {@code hub}, mapping payloads to JSON text with {@code toJsonText} (in
   * the container: a Jsonb's), with no transactions.
   */
  Herald(
      Hub hub,
      Function<Object, String> toJsonText,
      TransactionSynchronizationRegistry transactions) {
    this.hub = hub;
    this.toJsonText = toJsonText;
    this.afterCommit = new AfterCommit(() -> transactions, hub::publish);
  }

  @PostConstruct
  void start() {
    Jsonb jsonb = jsonbs.isResolvable() ? jsonbs.get() : JsonbBuilder.create();
    toJsonText = jsonb::toJson;
    // Looked up when first needed, not injected: see TransactionRegistry.
    afterCommit = new AfterCommit(new TransactionRegistry(), drafts -> hub.publish(drafts));
  }

  /**
   * Publishes {@code data} as event {@code "message"} on {@code topic} now, even inside a
   * transaction (use {@link #publishAfterCommit(String, Object)} to wait for it).
   *
   * @return what was stored, with its id
   */
  public Published publish(String topic, Object data) {
    return publish(topic, null, data);
  }

  /**
   * Publishes {@code data} as {@code event} on {@code topic} now, even inside a transaction.
   *
   * @return what was stored, with its id
   */
  public Published publish(String topic, String event, Object data) {
    return published(hub.publish(draft(topic, event, data)));
  }

  /** Publishes several messages atomically, now: consecutive ids, in order. */
  public List<Published> publishAll(List<Publish> messages) {
    return hub
        .publish(messages.stream().map(p -> draft(p.topic(), p.event(), p.data())).toList())
        .stream()
        .map(Herald::published)
        .toList();
  }

  /**
   * Publishes {@code data} as event {@code "message"} on {@code topic} once the caller's JTA
   * transaction commits; see {@link #publishAfterCommit(String, String, Object)}.
   */
  public void publishAfterCommit(String topic, Object data) {
    publishAfterCommit(topic, null, data);
  }

  /**
   * Publishes {@code data} as {@code event} on {@code topic} once the caller's JTA transaction
   * commits: nothing is stored or delivered before, and nothing at all if it rolls back. The
   * messages one transaction publishes this way are stored together, in order, right after its
   * commit. Outside a transaction it publishes at once. Invalid topics, events or data throw here,
   * to the caller, before anything is held back.
   *
   * @throws io.herald.hub.InvalidInputException for an invalid topic, event or payload
   */
  public void publishAfterCommit(String topic, String event, Object data) {
    afterCommit.publish(draft(topic, event, data));
  }

  private Draft draft(String topic, String event, Object data) {
    return Draft.of(topic, event, toJson(data));
  }

  private JsonValue toJson(Object data) {
    if (data == null || data instanceof JsonValue) {
      return (JsonValue) data;
    }
    try (JsonReader reader = JsonP.reader(toJsonText.apply(data))) {
      return reader.readValue();
    }
  }

  private static Published published(Message m) {
    return new Published(m.id().toString(), m.topic(), m.event(), m.time());
  }
}
