package io.herald.transport.ws;

import io.herald.api.ClientInput;
import io.herald.api.ClientPublisher;
import io.herald.api.PublishRejectedException;
import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Message;
import io.herald.hub.Subscription;
import io.herald.limits.LimitExceededException;
import io.herald.limits.Limits;
import io.herald.limits.TokenBucket;
import io.herald.security.AccessDeniedException;
import io.herald.security.AccessPolicy;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Interprets one connection's client frames: {@code subscribe}, {@code unsubscribe}, {@code
 * publish}, {@code ping}. Bad frames get an {@code error} frame; the connection carries on.
 *
 * <p>Not thread-safe; the container delivers one frame at a time per connection.
 */
final class WsCommands {
  private static final int MAX_REF_LENGTH = 128;

  private final Hub hub;
  private final ClientPublisher publisher;
  private final AccessPolicy access;
  private final Subscription subscription;
  private final Principal caller;
  private Limits limits;
  private TokenBucket publishRate;

  WsCommands(
      Hub hub,
      ClientPublisher publisher,
      AccessPolicy access,
      Subscription subscription,
      Principal caller) {
    this.hub = hub;
    this.publisher = publisher;
    this.access = access;
    this.subscription = subscription;
    this.caller = caller;
  }

  /** Applies the topic and publish-rate limits from now on. */
  void limit(Limits limits) {
    this.limits = limits;
    this.publishRate = limits.publishBucket();
  }

  void handle(String text) {
    JsonValue ref = null;
    try {
      JsonValue value = ClientInput.parse(text);
      if (!(value instanceof JsonObject frame)) {
        throw new InvalidInputException("bad-request", "a frame must be a JSON object");
      }
      ref = ref(frame);
      String type = ClientInput.string(frame, "type", true);
      switch (type) {
        case "subscribe" -> subscribe(frame);
        case "unsubscribe" -> hub.unsubscribe(subscription, ClientInput.topics(frame));
        case "publish" -> publish(frame, ref);
        case "ping" -> subscription.send(WsFrame.pong());
        default -> throw new InvalidInputException("bad-type", "unknown frame type '" + type + "'");
      }
    } catch (InvalidInputException e) {
      subscription.send(WsFrame.error(ref, e.code(), e.getMessage()));
    } catch (AccessDeniedException e) {
      subscription.send(WsFrame.error(ref, "forbidden", e.getMessage()));
    } catch (PublishRejectedException e) {
      subscription.send(WsFrame.error(ref, "rejected", e.getMessage()));
    } catch (HubUnavailableException e) {
      subscription.send(WsFrame.error(ref, "unavailable", e.getMessage()));
    } catch (LimitExceededException e) {
      subscription.send(WsFrame.error(ref, e.code(), e.getMessage()));
    }
  }

  private void subscribe(JsonObject frame) {
    List<String> topics = ClientInput.topics(frame);
    String since = Cursor.checkSince(ClientInput.string(frame, "since", false));
    access.checkSubscribe(caller, topics);
    if (limits != null) {
      Set<String> all = new HashSet<>(hub.topicsOf(subscription));
      all.addAll(topics);
      limits.checkTopics(all.size());
    }
    hub.subscribe(subscription, topics, since);
  }

  private void publish(JsonObject frame, JsonValue ref) {
    if (limits != null) {
      limits.checkRate(publishRate, 1);
    }
    List<Message> stored =
        publisher.publish(caller, List.of(ClientInput.publishRequest(frame)), "websocket");
    subscription.send(WsFrame.ack(ref, stored.get(0).id().toString()));
  }

  private static JsonValue ref(JsonObject frame) {
    JsonValue ref = frame.get("ref");
    if (ref == null || ref == JsonValue.NULL) {
      return null;
    }
    boolean scalar =
        ref.getValueType() == JsonValue.ValueType.STRING
            || ref.getValueType() == JsonValue.ValueType.NUMBER;
    if (!scalar || ref.toString().length() > MAX_REF_LENGTH) {
      throw new InvalidInputException(
          "bad-request",
          "'ref' must be a string or number of at most " + MAX_REF_LENGTH + " characters");
    }
    return ref;
  }
}
