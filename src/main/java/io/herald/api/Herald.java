package io.herald.api;

import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;

/**
 * Publishing from application code: inject it and call {@link #publish}. Payloads may be JSON-P
 * values, JSON-B-mappable objects (records, beans, collections) or plain strings and numbers.
 *
 * <p>Thread-safe; application-scoped. Application publishes skip {@link ClientPublishing}.
 */
@ApplicationScoped
public class Herald {
  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject Hub hub;

  /** Publishes {@code data} as event {@code "message"} on {@code topic}; returns it with its id. */
  public Message publish(String topic, Object data) {
    return publish(topic, null, data);
  }

  /** Publishes {@code data} as {@code event} on {@code topic}; returns it with its id. */
  public Message publish(String topic, String event, Object data) {
    return hub.publish(draft(topic, event, data));
  }

  /** Publishes several messages atomically: consecutive ids, in order. */
  public List<Message> publishAll(List<Publish> messages) {
    return hub.publish(messages.stream().map(p -> draft(p.topic(), p.event(), p.data())).toList());
  }

  static Draft draft(String topic, String event, Object data) {
    return Draft.of(topic, event, toJson(data));
  }

  private static JsonValue toJson(Object data) {
    if (data == null || data instanceof JsonValue) {
      return (JsonValue) data;
    }
    return ClientInput.parse(JSONB.toJson(data));
  }
}
