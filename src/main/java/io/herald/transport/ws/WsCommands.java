package io.herald.transport.ws;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.ClientInput;
import io.herald.api.internal.ClientPublisher;
import io.herald.api.internal.SubscribeGate;
import io.herald.error.Failure;
import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Message;
import io.herald.hub.Outbox;
import io.herald.hub.Page;
import io.herald.hub.ReadResult;
import io.herald.limits.Limits;
import io.herald.limits.TokenBucket;
import io.herald.security.Caller;
import io.herald.transport.PageRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Interprets one connection's client frames: {@code subscribe}, {@code unsubscribe}, {@code
 * publish}, {@code ping}, {@code auth}, {@code history}. A refused frame is answered from its
 * {@link Failure} values in one place: an {@code error} frame (the connection carries on), or a
 * close when the failure carries a close code.
 *
 * <p>Not thread-safe; the container delivers one frame at a time per connection.
 */
final class WsCommands {
  private static final int MAX_REF_LENGTH = 128;

  private final Hub hub;
  private final ClientPublisher publisher;
  private final SubscribeGate access;
  private final Outbox outbox;
  private final WsAuth auth;
  private Limits limits;
  private TokenBucket publishRate;
  private TokenBucket subscribeRate;
  private TokenBucket subscribeRefusals;

  WsCommands(Hub hub, ClientPublisher publisher, SubscribeGate access, Outbox outbox, WsAuth auth) {
    this.hub = hub;
    this.publisher = publisher;
    this.access = access;
    this.outbox = outbox;
    this.auth = auth;
  }

  /** Applies the topic, publish-rate and subscribe-rate limits from now on. */
  void limit(Limits limits) {
    this.limits = limits;
    this.publishRate = limits.publishBucket();
    this.subscribeRate = limits.subscribeBucket();
    this.subscribeRefusals = limits.subscribeRefusalBucket();
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
        case "unsubscribe" -> unsubscribe(frame);
        case "publish" -> publish(frame, ref);
        case "ping" -> outbox.send(WsFrame.pong());
        case "auth" -> authenticate(frame, ref);
        case "history" -> history(frame, ref);
        default -> throw new InvalidInputException("bad-type", "unknown frame type '" + type + "'");
      }
    } catch (RuntimeException e) {
      Failure failure = Failure.of(e);
      if (failure.unexpected()) {
        // A bug, not a refusal: the container reports it to the endpoint's @OnError.
        throw e;
      }
      answer(ref, failure);
    }
  }

  /**
   * Tells the client about a refused frame: closes when the failure says so, else an error frame.
   */
  private void answer(JsonValue ref, Failure failure) {
    if (failure.close() != null) {
      ((WsConnection) outbox.subscriber()).close(failure.close(), failure.message());
    } else {
      outbox.send(WsFrame.error(ref, failure.code(), failure.message()));
    }
  }

  private void subscribe(JsonObject frame) {
    checkSubscribeRate();
    List<String> topics = ClientInput.topics(frame);
    String since = Cursor.checkSince(ClientInput.string(frame, "since", false));
    access.check(auth.caller(), topics, "websocket", Reading.SUBSCRIBE);
    if (limits != null) {
      Set<String> all = new HashSet<>(hub.topicsOf(outbox));
      all.addAll(topics);
      limits.checkTopics(all.size());
    }
    hub.subscribe(outbox, topics, since);
  }

  private void unsubscribe(JsonObject frame) {
    checkSubscribeRate();
    hub.unsubscribe(outbox, ClientInput.topics(frame));
  }

  private void checkSubscribeRate() {
    if (limits != null) {
      limits.checkSubscribeRate(subscribeRate, subscribeRefusals);
    }
  }

  private void publish(JsonObject frame, JsonValue ref) {
    if (limits != null) {
      limits.checkRate(publishRate, 1);
    }
    List<Message> stored =
        publisher.publish(auth.caller(), List.of(ClientInput.publishRequest(frame)), "websocket");
    outbox.send(WsFrame.ack(ref, stored.get(0).id().toString()));
  }

  /** One page of history, answered by a {@code history} frame with the same {@code ref}. */
  private void history(JsonObject frame, JsonValue ref) {
    List<String> topics = ClientInput.topics(frame);
    String since = Cursor.checkSince(ClientInput.string(frame, "since", false));
    JsonValue limit = frame.get("limit");
    JsonValue reverse = frame.get("reverse");
    boolean newestFirst = reverse == JsonValue.TRUE;
    if (reverse != null && !newestFirst && reverse != JsonValue.FALSE) {
      throw new InvalidInputException("bad-reverse", "reverse must be true or false");
    }
    Page page = PageRequest.of(limits, limit == null ? null : limit.toString(), newestFirst);
    access.check(auth.caller(), topics, "websocket", Reading.HISTORY);
    limits.checkTopics(topics.size());
    ReadResult r = hub.read(topics, since == null ? Cursor.EARLIEST : since, page);
    outbox.send(WsFrame.history(ref, r));
  }

  private void authenticate(JsonObject frame, JsonValue ref) {
    Caller caller = auth.refresh(ClientInput.string(frame, "token", true));
    outbox.send(WsFrame.authenticated(ref, caller.expires().toString()));
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
