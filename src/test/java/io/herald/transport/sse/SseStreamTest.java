package io.herald.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.hub.Draft;
import io.herald.hub.Message;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import io.herald.transport.ClientSession;
import io.herald.transport.FakeServices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An SSE stream writes what the hub queues, and ends once, whatever ends it. */
class SseStreamTest {
  private static final long TIMEOUT = Duration.ofSeconds(50).toNanos();

  private final FakeServices services = new FakeServices();
  private final FakeSse.Sink sink = new FakeSse.Sink();

  private SseStream open() {
    SseEvents events = SseEvents.of(new FakeSse(), 25_000);
    SseStream stream =
        ClientSession.open(
            services,
            TransportKind.SSE,
            "10.0.0.3",
            null,
            s -> new SseStream(sink, events, 2000, TIMEOUT, s));
    services.hub.subscribe(stream.session().outbox(), List.of("t"), null);
    return stream;
  }

  private Message publish(String data) {
    return services.hub.publish(new Draft("t", "message", data));
  }

  private String subscribed() {
    String cursor = services.hub.position().toString();
    return "id:"
        + cursor
        + " event:subscribed retry:2000 data:{\"topics\":[\"t\"],\"cursor\":\""
        + cursor
        + "\",\"heartbeat\":25000}";
  }

  private static String event(Message m) {
    return "id:" + m.id() + " event:message data:" + m.json();
  }

  /**
   * The session's teardown ran once for {@code reason} (the sink, closed once, is the transport).
   */
  private void assertEnded(String reason) {
    assertEnded(reason, 1);
  }

  /** As {@link #assertEnded(String)}, the sink closed {@code sinkCloses} times. */
  private void assertEnded(String reason, int sinkCloses) {
    List<String> expected =
        List.of("cancel expiry", "stop beat", "detach", "release", "report " + reason);
    List<String> actual = services.effects();
    assertEquals(
        expected, actual.subList(actual.size() - expected.size(), actual.size()), "teardown");
    assertEquals(1, actual.stream().filter(e -> e.startsWith("report")).count());
    assertEquals(sinkCloses, sink.closes, "sink closes");
    assertEquals(0, services.hub.subscriberCount());
  }

  @Test
  void writesTheSubscribedEventThenEachMessage() {
    publish("old");
    String subscribed = subscribed();
    open();
    Message m = publish("1");
    assertEquals(List.of(subscribed, event(m)), sink.sent);
    assertEquals(0, sink.closes);
  }

  @Test
  void aFailedWriteEndsTheStreamOnce() {
    open();
    sink.fail = true;
    publish("1");
    publish("2");
    assertEnded("write-failed");
  }

  @Test
  void aWriteFailingBecauseTheClientLeftIsTheClientGone() {
    open();
    sink.fail = true;
    sink.failure = new java.io.IOException("Broken pipe");
    publish("1");
    assertEnded("client-closed");
  }

  @Test
  void theContainerTellingTheRequestEndedEndsTheStreamAtOnce() throws Exception {
    jakarta.servlet.AsyncListener end = SseEnd.listener(open(), Runnable::run);
    jakarta.servlet.AsyncContext context = inertContext();
    end.onError(new jakarta.servlet.AsyncEvent(context, new java.io.EOFException()));
    end.onComplete(new jakarta.servlet.AsyncEvent(context));
    end.onTimeout(new jakarta.servlet.AsyncEvent(context));
    assertEnded("client-closed", 0);
  }

  @Test
  void aClosedSinkIsTheClientGone() {
    open();
    sink.closed = true;
    publish("1");
    assertEnded("client-closed");
  }

  @Test
  void aStoppingServerSendsARetryHintThenEnds() {
    String subscribed = subscribed();
    open();
    services.hub.stop();
    assertEquals(List.of(subscribed, ":closing retry:2000"), sink.sent);
    assertEnded("server-closed");
  }

  @Test
  void eachBeatQueuesAHeartbeatComment() {
    String subscribed = subscribed();
    open();
    services.beat.beat(System.nanoTime());
    assertEquals(List.of(subscribed, ":heartbeat"), sink.sent);
    assertEquals(0, sink.closes);
  }

  @Test
  void aWriteStuckForTheTimeoutEndsTheStream() {
    open();
    sink.hold = true;
    publish("1");
    services.beat.beat(System.nanoTime() + TIMEOUT + 1);
    assertEnded("timeout");
  }

  @Test
  void anExpiredTokenEndsTheStream() {
    open();
    services.expiryAction.run();
    assertEnded("server-closed");
  }

  @Test
  void anOverflowEndsTheStream() {
    open().overflowed();
    assertEnded("overflow");
  }

  @Test
  void anOperatorCloseEndsTheStreamOnce() {
    open();
    services.closer.accept(DisconnectReason.OPERATOR);
    services.closer.accept(DisconnectReason.UNAVAILABLE);
    assertEnded("operator");
  }

  @Test
  void aStreamQuietForHalfAnIntervalIsProbedAtEachTick() {
    String subscribed = subscribed();
    SseStream stream = open();
    long quiet = Duration.ofSeconds(5).toNanos();
    stream.probe(System.nanoTime(), quiet);
    assertEquals(List.of(subscribed), sink.sent, "it just wrote the subscribed event");
    stream.probe(System.nanoTime() + quiet, quiet);
    assertEquals(List.of(subscribed, ":heartbeat"), sink.sent);
    stream.probe(System.nanoTime() + quiet / 4, quiet);
    assertEquals(List.of(subscribed, ":heartbeat"), sink.sent, "not again before half an interval");
    stream.probe(System.nanoTime() + quiet / 2, quiet);
    assertEquals(List.of(subscribed, ":heartbeat", ":heartbeat"), sink.sent, "each tick after");
  }

  @Test
  void aStreamWritingIsNotProbed() {
    SseStream stream = open();
    sink.hold = true;
    Message m = publish("1");
    int before = sink.sent.size();
    stream.probe(System.nanoTime() + TIMEOUT, Duration.ofSeconds(5).toNanos());
    assertEquals(before, sink.sent.size(), "no comment queued behind " + m.id());
  }

  @Test
  void aProbeWhoseWriteFailsBecauseTheClientLeftEndsTheStreamAsClientClosed() {
    SseStream stream = open();
    sink.fail = true;
    sink.failure = new java.io.IOException("Connection reset by peer");
    stream.probe(System.nanoTime() + TIMEOUT, Duration.ofSeconds(5).toNanos());
    assertEnded("client-closed");
  }

  @Test
  void livenessProbesQuietStreamsAndForgetsEndedOnes() {
    SseLiveness liveness = new SseLiveness();
    liveness.settings = new SseSettings(2000, Duration.ofMillis(1));
    liveness.start();
    try {
      SseStream stream = open();
      liveness.watch(stream);
      stream.session().end(DisconnectReason.CLIENT_CLOSED);
      liveness.tick();
      assertEquals(0, liveness.size());
    } finally {
      liveness.stop();
    }
  }

  @Test
  void aZeroLivenessIntervalWatchesNothing() {
    SseLiveness liveness = new SseLiveness();
    liveness.settings = new SseSettings(2000, Duration.ZERO);
    liveness.start();
    liveness.watch(open());
    assertEquals(0, liveness.size());
    liveness.stop();
  }

  @Test
  void theContainersCallbackEndsTheStreamOffItsOwnThread() throws Exception {
    List<Runnable> handedOff = new java.util.ArrayList<>();
    SseStream stream = open();
    jakarta.servlet.AsyncListener end = SseEnd.listener(stream, handedOff::add);
    jakarta.servlet.AsyncContext context = inertContext();
    end.onError(new jakarta.servlet.AsyncEvent(context, new java.io.IOException("Broken pipe")));
    assertEquals(1, handedOff.size());
    assertEquals(0, services.effects().stream().filter(e -> e.startsWith("report")).count());
    handedOff.get(0).run();
    assertEnded("client-closed", 0);
  }

  @Test
  void theContainersAsyncTimeoutEndsTheStreamAndClosesTheSink() throws Exception {
    jakarta.servlet.AsyncListener end = SseEnd.listener(open(), Runnable::run);
    end.onTimeout(null);
    assertEnded("server-closed");
  }

  /** An AsyncContext whose every method answers null: the container's events only carry it. */
  private static jakarta.servlet.AsyncContext inertContext() {
    return (jakarta.servlet.AsyncContext)
        java.lang.reflect.Proxy.newProxyInstance(
            SseStreamTest.class.getClassLoader(),
            new Class<?>[] {jakarta.servlet.AsyncContext.class},
            (p, m, args) -> null);
  }
}
