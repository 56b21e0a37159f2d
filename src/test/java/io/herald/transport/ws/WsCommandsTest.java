package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.api.ClientSubscribing;
import io.herald.api.internal.ClientPublisher;
import io.herald.api.internal.PublishRejectedException;
import io.herald.api.internal.PublishRequest;
import io.herald.api.internal.SubscribeGate;
import io.herald.error.CloseCode;
import io.herald.hub.Draft;
import io.herald.hub.Hub;
import io.herald.hub.HubSettings;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.InMemoryHistory;
import io.herald.hub.Message;
import io.herald.hub.Outbox;
import io.herald.hub.Subscriber;
import io.herald.limits.LimitExceededException;
import io.herald.limits.Limits;
import io.herald.limits.TokenBucket;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import io.herald.security.AccessDeniedException;
import io.herald.security.AccessPolicy;
import io.herald.security.AuthenticationException;
import io.herald.security.Caller;
import io.herald.security.TokenVerifier;
import io.herald.transport.ClientSession;
import io.herald.transport.Heartbeats;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every client frame type and every kind of refusal, through a real hub (delivering on the calling
 * thread) and a real {@link WsConnection} over a fake session: asserts the exact frames the client
 * gets and the close, if any.
 */
class WsCommandsTest {
  private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
  private static final Caller ALICE = caller("alice", null);

  private FakeSession session = new FakeSession();
  private final FakePublisher publisher = new FakePublisher();
  private final FakeExpiry expiry = new FakeExpiry();
  private Hub hub;
  private WsConnection connection;
  private WsCommands commands;

  private static Caller caller(String subject, Instant expires) {
    return new Caller(subject, List.of(), List.of(), Set.of(), expires);
  }

  @BeforeEach
  void setUp() {
    hub =
        new Hub(
            new InMemoryHistory(100, Duration.ofHours(1)),
            new HubSettings(100, Duration.ofHours(1), 10_000, 1L << 30, 100, 1L << 20),
            Runnable::run,
            Clock.systemUTC(),
            null);
    hub.start();
    publisher.hub = hub;
    open(false);
  }

  /** Opens the connection under test on {@link #session}, speaking herald.v1 when {@code v1}. */
  private void open(boolean v1) {
    connection =
        ClientSession.open(
            new FakeServices(),
            TransportKind.WEBSOCKET,
            "127.0.0.1",
            ALICE,
            s -> new WsConnection(session.proxy(), Long.MAX_VALUE, true, v1, s));
    WsAuth auth = new WsAuth(new FakeTokens(), connection.client());
    commands =
        new WsCommands(
            hub,
            publisher,
            new SubscribeGate(new FakeAccess(), WsCommandsTest::vet),
            outbox(),
            auth);
    commands.limit(new FakeLimits());
  }

  private List<String> frames(String... clientFrames) {
    for (String f : clientFrames) {
      commands.handle(f);
    }
    return session.sent;
  }

  private static String error(String ref, String code, String message) {
    return "{\"type\":\"error\","
        + (ref == null ? "" : "\"ref\":" + ref + ",")
        + "\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\"}";
  }

  // ---- each frame type ----

  @Test
  void presenceCountsAndNamesOnlyWhereTheSettingsAllow() {
    commands.presence(
        new io.herald.transport.PresenceSettings(
            List.of(io.herald.security.TopicPattern.of("rooms/*"))));
    frames(
        "{\"type\":\"subscribe\",\"topics\":[\"rooms/a\",\"b\"]}",
        "{\"type\":\"presence\",\"topic\":\"rooms/a\",\"ref\":1}",
        "{\"type\":\"presence\",\"topic\":\"b\"}",
        "{\"type\":\"presence\",\"ref\":2}");
    assertEquals(
        List.of(
            "{\"type\":\"presence\",\"ref\":1,\"topic\":\"rooms/a\",\"count\":1,"
                + "\"members\":[\"alice\"]}",
            "{\"type\":\"presence\",\"topic\":\"b\",\"count\":1}",
            error("2", "bad-topic", "topic must be 1-128 characters, got nothing")),
        session.sent.subList(1, 4));
  }

  @Test
  void subscribeWithPresenceGetsJoinAndLeaveFramesNamedOnlyWhereTheSettingsAllow() {
    commands.presence(
        new io.herald.transport.PresenceSettings(
            List.of(io.herald.security.TopicPattern.of("rooms/*"))));
    frames(
        "{\"type\":\"subscribe\",\"topics\":[\"rooms/a\",\"b\"],\"presence\":true}",
        "{\"type\":\"subscribe\",\"topics\":[\"c\"],\"presence\":1}");
    hub.presenceTracker().flush();
    assertEquals(
        List.of(
            error(null, "bad-presence", "presence must be true or false"),
            "{\"type\":\"join\",\"topic\":\"rooms/a\",\"count\":1,\"member\":\"alice\"}",
            "{\"type\":\"join\",\"topic\":\"b\",\"count\":1}"),
        session.sent.subList(1, 4));
    assertEquals(Set.of("rooms/a", "b"), hub.topicsOf(outbox()), "the bad subscribe took nothing");
  }

  @Test
  void requestsNeedARefAndAreUnknownWithoutAResponder() {
    frames(
        "{\"type\":\"request\",\"topic\":\"a\",\"data\":1}",
        "{\"type\":\"request\",\"ref\":1,\"topic\":\"a\",\"data\":1}");
    assertEquals(
        List.of(
            error(null, "bad-request", "a request needs a 'ref'"),
            error("1", "bad-type", "unknown frame type 'request'")),
        session.sent);
  }

  @Test
  void binaryFramesArePublishedAsBase64AndMalformedOnesRefused() {
    frames("{\"type\":\"subscribe\",\"topics\":[\"a\"]}");
    commands.handleBinary(
        java.nio.ByteBuffer.wrap(
            "{\"type\":\"publish\",\"topic\":\"a\",\"ref\":3}\n\u0000\u0001"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    commands.handleBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
    commands.handleBinary(
        java.nio.ByteBuffer.wrap(
            "{\"type\":\"subscribe\",\"ref\":\"r9\"}\n\u0001"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<String> sent = session.sent;
    assertTrue(sent.get(1).contains("\"data\":{\"$base64\":\"AAE=\"}"), sent.get(1));
    assertTrue(sent.get(2).startsWith("{\"type\":\"ack\",\"ref\":3,"), sent.get(2));
    assertEquals(
        error(
            null,
            "bad-binary",
            "a binary frame is a JSON publish header, a newline, then the bytes"),
        sent.get(3));
    // A header that is an object keeps its ref in the refusal, as a text frame's would.
    assertEquals(
        "{\"type\":\"error\",\"ref\":\"r9\",\"code\":\"bad-binary\",\"message\":\"a binary"
            + " frame's header must be a {\\\"type\\\":\\\"publish\\\",…} object\"}",
        sent.get(4));
  }

  @Test
  void aHeraldV1ConnectionGetsBinaryDataAsBinaryFramesLiveAndReplayed() {
    Message before = hub.publish(new Draft("a", "e", "{\"$base64\":\"AAH/\"}"));
    session = new FakeSession();
    open(true);
    frames("{\"type\":\"subscribe\",\"topics\":[\"a\"],\"since\":\"earliest\"}");
    Message live = hub.publish(new Draft("a", "e", "{\"$base64\":\"\"}"));
    Message json = hub.publish(new Draft("a", "e", "{\"b64\":\"AAH/\"}"));
    assertEquals(
        List.of(
            "{\"type\":\"subscribed\",\"topics\":[\"a\"],\"cursor\":\""
                + new io.herald.hub.Cursor(before.id().epoch(), 0)
                + "\"}",
            FakeSession.BINARY + BinaryFrame.header(before) + "\n\u0000\u0001\u00ff",
            FakeSession.BINARY + BinaryFrame.header(live) + "\n",
            WsFrame.message(json)),
        session.sent.subList(0, 4));
  }

  @Test
  void pingIsAnsweredWithPong() {
    assertEquals(List.of("{\"type\":\"pong\"}"), frames("{\"type\":\"ping\"}"));
  }

  @Test
  void subscribeIsConfirmedWithTheCursorAndThenDelivers() {
    String cursor = hub.position().toString();
    frames("{\"type\":\"subscribe\",\"topics\":[\"a\",\"b\"]}");
    Message m = hub.publish(new Draft("a", "e", "1"));
    assertEquals(
        List.of(
            "{\"type\":\"subscribed\",\"topics\":[\"a\",\"b\"],\"cursor\":\"" + cursor + "\"}",
            "{\"type\":\"message\"," + m.json().substring(1)),
        session.sent);
    assertEquals(Set.of("a", "b"), hub.topicsOf(outbox()));
  }

  @Test
  void historyIsAnsweredWithOnePageAndItsRefWithoutSubscribing() {
    Message m1 = hub.publish(new Draft("a", "e", "1"));
    Message m2 = hub.publish(new Draft("b", "e", "2"));
    Message m3 = hub.publish(new Draft("a", "e", "3"));
    frames(
        "{\"type\":\"history\",\"ref\":1,\"topics\":[\"a\",\"b\"],\"limit\":2,\"reverse\":true}",
        "{\"type\":\"history\",\"ref\":2,\"topics\":[\"a\",\"b\"],\"since\":\""
            + m2.id()
            + "\",\"reverse\":true}",
        "{\"type\":\"history\",\"topics\":[\"a\"]}");
    assertEquals(
        List.of(
            "{\"type\":\"history\",\"ref\":1,\"messages\":["
                + m3.json()
                + ","
                + m2.json()
                + "],\"next\":\""
                + m2.id()
                + "\",\"gap\":[]}",
            "{\"type\":\"history\",\"ref\":2,\"messages\":["
                + m1.json()
                + "],\"next\":null,\"gap\":[]}",
            "{\"type\":\"history\",\"messages\":["
                + m1.json()
                + ","
                + m3.json()
                + "],\"next\":null,\"gap\":[]}"),
        session.sent);
    assertEquals(Set.of(), hub.topicsOf(outbox()));
  }

  @Test
  void badHistoryFramesAreErrorsWithTheirRef() {
    frames(
        "{\"type\":\"history\",\"ref\":1,\"topics\":[\"a\"],\"limit\":0}",
        "{\"type\":\"history\",\"ref\":2,\"topics\":[\"a\"],\"limit\":\"5\"}",
        "{\"type\":\"history\",\"ref\":3,\"topics\":[\"a\"],\"reverse\":1}",
        "{\"type\":\"history\",\"ref\":4,\"topics\":[\"a\",\"b\",\"c\"]}",
        "{\"type\":\"history\",\"ref\":5,\"topics\":[\"a\"],\"since\":\"nope\"}");
    assertEquals(
        List.of(
            error("1", "bad-limit", "limit must be a whole number from 1 to 2"),
            error("2", "bad-limit", "limit must be a whole number from 1 to 2"),
            error("3", "bad-reverse", "reverse must be true or false"),
            error("4", "too-many-topics", "a connection may subscribe to at most 2 topics"),
            error("5", "bad-cursor", "cursor 'nope' is malformed; use a message id or 'earliest'")),
        session.sent);
  }

  @Test
  void unsubscribeLeavesTheTopicsSilently() {
    frames(
        "{\"type\":\"subscribe\",\"topics\":[\"a\",\"b\"]}",
        "{\"type\":\"unsubscribe\",\"topics\":[\"a\"]}");
    hub.publish(new Draft("a", "e", "1"));
    assertEquals(1, session.sent.size(), session.sent.toString());
    assertEquals(Set.of("b"), hub.topicsOf(outbox()));
  }

  @Test
  void publishIsAckedWithItsIdAndRef() {
    frames("{\"type\":\"publish\",\"ref\":\"r1\",\"topic\":\"news\",\"event\":\"e\",\"data\":7}");
    String id = hub.read(List.of("news"), "earliest").messages().get(0).id().toString();
    assertEquals(List.of("{\"type\":\"ack\",\"ref\":\"r1\",\"id\":\"" + id + "\"}"), session.sent);
    assertEquals(ALICE, publisher.caller);
    assertEquals("websocket", publisher.transport);
  }

  @Test
  void authReplacesTheCallerAndSaysUntilWhen() {
    frames(
        "{\"type\":\"auth\",\"ref\":5,\"token\":\"alice\"}",
        "{\"type\":\"publish\",\"topic\":\"news\",\"data\":1}");
    assertEquals(
        "{\"type\":\"authenticated\",\"ref\":5,\"expires\":\"2030-01-01T00:00:00Z\"}",
        session.sent.get(0));
    assertEquals(caller("alice", LATER), publisher.caller);
  }

  @Test
  void anExpiredTokenClosesWithPolicyViolation() {
    expiry.actions.get(0).run();
    assertEquals(List.of("1008 token-expired: send a fresh token or reconnect"), session.closes);
  }

  // ---- refusals: one error frame each, the connection carries on ----

  @Test
  void malformedJsonIsBadJson() {
    assertEquals(
        List.of(
            error(null, "bad-json", "malformed JSON at offset 8"),
            error(null, "bad-json", "a JSON body is required")),
        frames("{\"type\":]", " "));
  }

  @Test
  void aFrameMustBeAnObjectWithAType() {
    assertEquals(
        List.of(
            error(null, "bad-request", "a frame must be a JSON object"),
            error("1", "bad-request", "'type' is required"),
            error(
                null, "bad-request", "'ref' must be a string or number of at most 128 characters")),
        frames("[1]", "{\"ref\":1}", "{\"type\":\"ping\",\"ref\":{}}"));
  }

  @Test
  void anUnknownTypeIsBadType() {
    assertEquals(
        List.of(error("\"x\"", "bad-type", "unknown frame type 'zz'")),
        frames("{\"type\":\"zz\",\"ref\":\"x\"}"));
  }

  @Test
  void badTopicsAndCursorsAreRefused() {
    assertEquals(
        List.of(
            error(null, "bad-topic", "'topics' must be an array of topic names"),
            error(null, "bad-cursor", "cursor 'zz' is malformed; use a message id or 'earliest'")),
        frames(
            "{\"type\":\"subscribe\",\"topics\":\"a\"}",
            "{\"type\":\"subscribe\",\"topics\":[\"a\"],\"since\":\"zz\"}"));
  }

  @Test
  void aForbiddenTopicIsForbidden() {
    assertEquals(
        List.of(error("2", "forbidden", "alice may not subscribe to topic 'secret'")),
        frames("{\"type\":\"subscribe\",\"ref\":2,\"topics\":[\"secret\"]}"));
    assertEquals(Set.of(), hub.topicsOf(outbox()));
  }

  /** The application's {@code ClientSubscribing} observer: nobody watches {@code vetoed}. */
  private static void vet(ClientSubscribing s) {
    if (s.topics().contains("vetoed")) {
      s.refuse(s.caller().getName() + " may not watch vetoed (" + s.reading() + ")");
    }
  }

  @Test
  void theApplicationRefusesASubscribeAndAHistoryReadWithItsReason() {
    assertEquals(
        List.of(
            error("2", "forbidden", "alice may not watch vetoed (SUBSCRIBE)"),
            error("3", "forbidden", "alice may not watch vetoed (HISTORY)")),
        frames(
            "{\"type\":\"subscribe\",\"ref\":2,\"topics\":[\"vetoed\"]}",
            "{\"type\":\"history\",\"ref\":3,\"topics\":[\"vetoed\"]}"));
    assertEquals(Set.of(), hub.topicsOf(outbox()));
  }

  @Test
  void aRefusedTokenIsAnErrorNotAClose() {
    assertEquals(
        List.of(
            error("1", "invalid-token", "invalid token"),
            error("2", "forbidden", "a refreshed token must be for the same subject")),
        frames(
            "{\"type\":\"auth\",\"ref\":1,\"token\":\"forged\"}",
            "{\"type\":\"auth\",\"ref\":2,\"token\":\"bob\"}"));
    assertEquals(List.of(), session.closes);
  }

  @Test
  void theTopicLimitCountsTopicsAlreadyHeld() {
    assertEquals(
        List.of(error("3", "too-many-topics", "a connection may subscribe to at most 2 topics")),
        frames(
                "{\"type\":\"subscribe\",\"topics\":[\"a\",\"b\"]}",
                "{\"type\":\"subscribe\",\"topics\":[\"b\"]}",
                "{\"type\":\"subscribe\",\"ref\":3,\"topics\":[\"c\"]}")
            .subList(2, 3));
    assertEquals(Set.of("a", "b"), hub.topicsOf(outbox()));
  }

  @Test
  void publishingPastTheRateIsRateLimited() {
    frames(
        "{\"type\":\"publish\",\"topic\":\"news\",\"data\":1}",
        "{\"type\":\"publish\",\"topic\":\"news\",\"data\":2}",
        "{\"type\":\"publish\",\"ref\":9,\"topic\":\"news\",\"data\":3}");
    assertEquals(3, session.sent.size());
    assertEquals(error("9", "rate-limited", "at most 2 publishes"), session.sent.get(2));
  }

  @Test
  void subscribesAndUnsubscribesPastTheRateAreRateLimitedAndTheConnectionStays() {
    hub.publish(new Draft("a", "e", "1"));
    frames(
        "{\"type\":\"subscribe\",\"topics\":[\"a\"],\"since\":\"earliest\"}",
        "{\"type\":\"unsubscribe\",\"topics\":[\"a\"]}",
        "{\"type\":\"subscribe\",\"topics\":[\"a\"],\"since\":\"earliest\"}",
        "{\"type\":\"unsubscribe\",\"topics\":[\"a\"]}",
        "{\"type\":\"subscribe\",\"topics\":[\"b\"]}");
    int before = session.sent.size();
    frames(
        "{\"type\":\"subscribe\",\"ref\":7,\"topics\":[\"a\"],\"since\":\"earliest\"}",
        "{\"type\":\"unsubscribe\",\"ref\":8,\"topics\":[\"b\"]}");
    assertEquals(
        List.of(
            error("7", "rate-limited", "at most 5 subscribes"),
            error("8", "rate-limited", "at most 5 subscribes")),
        session.sent.subList(before, session.sent.size()));
    assertEquals(Set.of("b"), hub.topicsOf(outbox()), "refused frames changed nothing");
    assertEquals(List.of(), session.closes);
    assertEquals(
        List.of("{\"type\":\"pong\"}"),
        frames("{\"type\":\"ping\"}").subList(before + 2, session.sent.size()));
  }

  @Test
  void aSubscribeFloodPastTheRefusalsItIsAllowedIsClosedTryAgainLater() {
    for (int i = 0; i < 5 + 3; i++) {
      frames("{\"type\":\"subscribe\",\"topics\":[\"a\"]}");
    }
    assertEquals(List.of(), session.closes);
    frames("{\"type\":\"unsubscribe\",\"topics\":[\"a\"]}");
    assertEquals(List.of("1013 at most 5 subscribes"), session.closes);
  }

  @Test
  void rejectedAndUnavailablePublishesAreErrors() {
    assertEquals(
        List.of(
            error("1", "rejected", "no shouting"),
            error("2", "unavailable", "the message store (Redis) restarted; try again")),
        frames(
            "{\"type\":\"publish\",\"ref\":1,\"topic\":\"shout\",\"data\":1}",
            "{\"type\":\"publish\",\"ref\":2,\"topic\":\"down\",\"data\":1}"));
  }

  // ---- the failure's values decide: a close code closes ----

  @Test
  void aFailureWithACloseCodeClosesInsteadOfAnswering() {
    frames("{\"type\":\"publish\",\"ref\":1,\"topic\":\"huge\",\"data\":1}");
    assertEquals(List.of(), session.sent);
    assertEquals(List.of("1009 a message may be at most 10 bytes"), session.closes);
  }

  @Test
  void anUnexpectedFailureIsNotAnsweredButPropagates() {
    assertThrows(
        IllegalStateException.class,
        () -> commands.handle("{\"type\":\"publish\",\"topic\":\"bug\",\"data\":1}"));
    assertEquals(List.of(), session.sent);
    assertEquals(List.of(), session.closes);
  }

  // ---- fakes ----

  /** A session whose async remote records each text frame and completes it at once. */
  private static final class FakeSession {
    /** Marks a binary frame in {@link #sent}: this, then its payload read as ISO-8859-1. */
    static final String BINARY = "[binary] ";

    final List<String> sent = new ArrayList<>();
    final List<String> closes = new ArrayList<>();

    Session proxy() {
      RemoteEndpoint.Async remote =
          (RemoteEndpoint.Async)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.Async.class},
                  (p, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                      sent.add((String) args[0]);
                      ((SendHandler) args[1]).onResult(new SendResult());
                      return null;
                    }
                    if (method.getName().equals("sendBinary") && args.length == 2) {
                      java.nio.ByteBuffer b = (java.nio.ByteBuffer) args[0];
                      byte[] payload = new byte[b.remaining()];
                      b.get(payload);
                      sent.add(
                          BINARY
                              + new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1));
                      ((SendHandler) args[1]).onResult(new SendResult());
                      return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                  });
      return (Session)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Session.class},
              (p, method, args) ->
                  switch (method.getName()) {
                    case "getNegotiatedExtensions" -> List.of();
                    case "getAsyncRemote" -> remote;
                    case "isOpen" -> closes.isEmpty();
                    case "close" -> {
                      CloseReason r = (CloseReason) args[0];
                      closes.add(r.getCloseCode().getCode() + " " + r.getReasonPhrase());
                      yield null;
                    }
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "FakeSession";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }
  }

  /** Publishes through the hub, except for topics that stand for a refusal or a bug. */
  private static final class FakePublisher extends ClientPublisher {
    Hub hub;
    Principal caller;
    String transport;

    @Override
    public List<Message> publish(
        Principal caller, List<PublishRequest> requests, String transport) {
      this.caller = caller;
      this.transport = transport;
      PublishRequest r = requests.get(0);
      switch (r.topic()) {
        case "shout" -> throw new PublishRejectedException("no shouting");
        case "down" ->
            throw new HubUnavailableException("the message store (Redis) restarted; try again");
        case "huge" ->
            throw new LimitExceededException(
                "too-large",
                413,
                0,
                CloseCode.MESSAGE_TOO_BIG,
                "a message may be at most 10 bytes");
        case "bug" -> throw new IllegalStateException("a bug");
        default -> {
          return hub.publish(List.of(Draft.of(r.topic(), r.event(), r.data())));
        }
      }
    }
  }

  /** Everything is allowed but the topic {@code secret}. */
  private static final class FakeAccess extends AccessPolicy {
    @Override
    public void checkSubscribe(Principal principal, List<String> topics) {
      if (topics.contains("secret")) {
        throw new AccessDeniedException(
            principal.getName() + " may not subscribe to topic 'secret'");
      }
    }
  }

  /** Token {@code alice} or {@code bob} is that subject until 2030; anything else is forged. */
  private static final class FakeTokens extends TokenVerifier {
    @Override
    public Caller verify(String token) {
      if (token.equals("alice") || token.equals("bob")) {
        return caller(token, LATER);
      }
      throw new AuthenticationException("invalid-token", "invalid token");
    }
  }

  private Outbox outbox() {
    return connection.client().outbox();
  }

  /** Records the expiry actions instead of scheduling them. */
  private static final class FakeExpiry {
    final List<Runnable> actions = new ArrayList<>();
  }

  /** The session's services: the real hub, no limits, heartbeat or registry; expiry recorded. */
  private final class FakeServices implements ClientSession.Services {
    @Override
    public Runnable admit(TransportKind kind, String address) {
      return () -> {};
    }

    @Override
    public Outbox attach(Subscriber subscriber) {
      return hub.attach(subscriber);
    }

    @Override
    public void detach(Outbox outbox) {
      hub.detach(outbox);
    }

    @Override
    public Runnable beat(Heartbeats.Beat beat) {
      return () -> {};
    }

    @Override
    public ClientSession.Report register(
        TransportKind kind, String address, Principal caller, Consumer<DisconnectReason> closer) {
      return (reason, detail) -> {};
    }

    @Override
    public Future<?> onExpiry(Principal caller, Runnable action) {
      expiry.actions.add(action);
      return null;
    }
  }

  /** At most 2 topics per connection and two publishes, ever. */
  private static final class FakeLimits extends Limits {
    /** Pages of at most 2 messages, which is then also the default. */
    @Override
    public int historyPageMaxMessages() {
      return 2;
    }

    @Override
    public int historyPageMaxBytes() {
      return Integer.MAX_VALUE;
    }

    @Override
    public void checkTopics(int count) {
      if (count > 2) {
        throw new LimitExceededException(
            "too-many-topics", 400, 0, null, "a connection may subscribe to at most 2 topics");
      }
    }

    @Override
    public TokenBucket publishBucket() {
      return new TokenBucket(0, 2, () -> 0L);
    }

    @Override
    public void checkRate(TokenBucket bucket, int messages) {
      if (!bucket.tryTake(messages)) {
        throw new LimitExceededException("rate-limited", 429, 1, null, "at most 2 publishes");
      }
    }

    @Override
    public TokenBucket subscribeBucket() {
      return new TokenBucket(0, 5, () -> 0L);
    }

    @Override
    public TokenBucket subscribeRefusalBucket() {
      return new TokenBucket(0, 3, () -> 0L);
    }

    @Override
    public void checkSubscribeRate(TokenBucket bucket, TokenBucket refusals) {
      if (!bucket.tryTake(1)) {
        throw new LimitExceededException(
            "rate-limited",
            429,
            1,
            refusals.tryTake(1) ? null : CloseCode.TRY_AGAIN_LATER,
            "at most 5 subscribes");
      }
    }
  }
}
