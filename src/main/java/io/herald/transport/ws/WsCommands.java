package io.herald.transport.ws;

import io.herald.api.ClientSubscribing.Reading;
import io.herald.api.internal.ClientInput;
import io.herald.api.internal.ClientPublisher;
import io.herald.api.internal.ClientRequests;
import io.herald.api.internal.RequestException;
import io.herald.api.internal.SubscribeGate;
import io.herald.error.Failure;
import io.herald.hub.Cursor;
import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.InvalidInputException;
import io.herald.hub.JsonP;
import io.herald.hub.Message;
import io.herald.hub.Names;
import io.herald.hub.Outbox;
import io.herald.hub.Page;
import io.herald.hub.ReadResult;
import io.herald.limits.Limits;
import io.herald.limits.TokenBucket;
import io.herald.security.Caller;
import io.herald.transport.PageRequest;
import io.herald.transport.PresenceSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interprets one connection's client frames: {@code subscribe}, {@code unsubscribe}, {@code
 * publish}, {@code ping}, {@code auth}, {@code history}, {@code request}, {@code presence}. A
 * refused frame is answered from its {@link Failure} values in one place: an {@code error} frame
 * (the connection carries on), or a close when the failure carries a close code.
 *
 * <p>Not thread-safe; the container delivers one frame at a time per connection (request replies
 * come on other threads, but only touch the thread-safe outbox and pending count).
 */
final class WsCommands {
  private static final int MAX_REF_LENGTH = 128;

  /** Most requests of one connection waiting for replies at once. */
  static final int MAX_PENDING_REQUESTS = 100;

  private final Hub hub;
  private final ClientPublisher publisher;
  private final SubscribeGate access;
  private final Outbox outbox;
  private final WsAuth auth;
  private Limits limits;
  private TokenBucket publishRate;
  private TokenBucket subscribeRate;
  private TokenBucket subscribeRefusals;
  private ClientRequests requests;
  private PresenceSettings presence = new PresenceSettings(List.of());
  private final AtomicInteger pendingRequests = new AtomicInteger();

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

  /** Names subscribers in {@code presence} answers where {@code settings} allow it. */
  void presence(PresenceSettings settings) {
    this.presence = settings;
  }

  /** Answers {@code request} frames through {@code requests} from now on. */
  void answerRequests(ClientRequests requests) {
    this.requests = requests;
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
        case "request" -> request(frame, ref);
        case "presence" -> presence(frame, ref);
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
   * A binary frame: a publish whose data is bytes. The frame is a JSON header ({@code
   * {"type":"publish","topic","event"?,"ref"?}}), a newline, then the bytes; it is published as
   * data {@code {"$base64":…}} (docs/protocol.md, "Binary data").
   */
  void handleBinary(ByteBuffer bytes) {
    byte[] all = new byte[bytes.remaining()];
    bytes.get(all);
    int newline = 0;
    while (newline < all.length && all[newline] != '\n') {
      newline++;
    }
    JsonObject header;
    JsonValue ref = null;
    try {
      if (newline == all.length) {
        throw new InvalidInputException(
            "bad-binary", "a binary frame is a JSON publish header, a newline, then the bytes");
      }
      JsonValue parsed = ClientInput.parse(new String(all, 0, newline, StandardCharsets.UTF_8));
      if (parsed instanceof JsonObject h) {
        ref = ref(h);
      }
      if (!(parsed instanceof JsonObject h) || !"publish".equals(stringOrNull(h, "type"))) {
        throw new InvalidInputException(
            "bad-binary", "a binary frame's header must be a {\"type\":\"publish\",…} object");
      }
      header = h;
    } catch (InvalidInputException e) {
      answer(ref, Failure.of(e));
      return;
    }
    String data =
        Base64.getEncoder().encodeToString(Arrays.copyOfRange(all, newline + 1, all.length));
    handle(
        JsonP.PROVIDER
            .createObjectBuilder(header)
            .add("data", JsonP.PROVIDER.createObjectBuilder().add(Draft.BASE64, data))
            .build()
            .toString());
  }

  private static String stringOrNull(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s ? s.getString() : null;
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
    JsonValue events = frame.get("presence");
    boolean watch = events == JsonValue.TRUE;
    if (events != null && !watch && events != JsonValue.FALSE) {
      throw new InvalidInputException("bad-presence", "presence must be true or false");
    }
    access.check(auth.caller(), topics, "websocket", Reading.SUBSCRIBE);
    if (limits != null) {
      Set<String> all = new HashSet<>(hub.topicsOf(outbox));
      all.addAll(topics);
      limits.checkTopics(all.size());
    }
    if (watch) {
      String subject = Caller.of(auth.caller()).subject();
      hub.subscribe(outbox, topics, since, t -> presence.named(t, subject));
    } else {
      hub.subscribe(outbox, topics, since);
    }
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

  /**
   * A request to the application ({@link io.herald.api.ClientRequest}): answered later, from any
   * thread, by a {@code reply} or {@code error} frame with the request's {@code ref}. Counts
   * against the publish rate; at most {@link #MAX_PENDING_REQUESTS} wait at once.
   */
  private void request(JsonObject frame, JsonValue ref) {
    if (ref == null) {
      throw new InvalidInputException("bad-request", "a request needs a 'ref'");
    }
    if (requests == null) {
      throw new InvalidInputException("bad-type", "unknown frame type 'request'");
    }
    if (limits != null) {
      limits.checkRate(publishRate, 1);
    }
    String topic = ClientInput.string(frame, "topic", false);
    long timeout = ClientRequests.timeout(frame.get("timeout"));
    if (pendingRequests.incrementAndGet() > MAX_PENDING_REQUESTS) {
      pendingRequests.decrementAndGet();
      throw RequestException.tooMany(MAX_PENDING_REQUESTS);
    }
    try {
      requests
          .request(auth.caller(), topic, frame.get("data"), timeout, "websocket")
          .whenComplete(
              (reply, failure) -> {
                pendingRequests.decrementAndGet();
                if (failure == null) {
                  outbox.send(WsFrame.reply(ref, reply));
                } else {
                  Failure f =
                      Failure.of(failure instanceof CompletionException c ? c.getCause() : failure);
                  outbox.send(WsFrame.error(ref, f.code(), f.message()));
                }
              });
    } catch (RuntimeException refused) {
      pendingRequests.decrementAndGet();
      throw refused;
    }
  }

  /** Who is subscribed to a topic now, for a caller allowed to subscribe to it. */
  private void presence(JsonObject frame, JsonValue ref) {
    String topic = Names.topic(ClientInput.string(frame, "topic", false));
    Principal caller = auth.caller();
    access.check(caller, List.of(topic), "websocket", Reading.SUBSCRIBE);
    boolean named = presence.named(topic, Caller.of(caller).subject());
    outbox.send(WsFrame.presence(ref, hub.presence(topic), named));
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
