package io.herald.transport.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.hub.Draft;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.InvalidInputException;
import io.herald.hub.Message;
import io.herald.hub.Page;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import io.herald.transport.ClientSession;
import io.herald.transport.FakeServices;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ConnectionCallback;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A parked long poll answers exactly once, with what the path that won says. */
class ParkedPollTest {
  private static final List<String> TOPICS = List.of("t");

  private final FakeServices services = new FakeServices();
  private final FakeAsyncResponse response = new FakeAsyncResponse();
  private Optional<AsyncContext> servletAsync = Optional.empty();

  private ParkedPoll open() {
    return ClientSession.open(
        services,
        TransportKind.LONG_POLL,
        "10.0.0.2",
        null,
        s ->
            new ParkedPoll(
                response, body -> "200 " + body, servletAsync, services.hub, s, Page.ALL));
  }

  private Message publish(String data) {
    return services.hub.publish(new Draft("t", "message", data));
  }

  private static String ok(List<Message> messages) {
    return "200 " + PollBody.of(messages, messages.get(messages.size() - 1).id(), List.of(), false);
  }

  private String okEmpty() {
    return "200 " + PollBody.of(List.of(), services.hub.position(), List.of(), false);
  }

  private String lastEffect() {
    List<String> e = services.effects();
    return e.get(e.size() - 1);
  }

  @Test
  void messagesAlreadyThereAreAnsweredAtOnce() {
    Message m = publish("1");
    ParkedPoll poll = open();
    poll.start(TOPICS, "earliest", 25);
    assertEquals(List.of(ok(List.of(m))), response.resumed);
    assertEquals(List.of("timeout 25 SECONDS"), response.calls);
    assertEquals("report answered", lastEffect());
    assertEquals(0, services.hub.subscriberCount());
  }

  @Test
  void theFirstMessageAnswersAWaitingPollAndNothingElseDoes() {
    ParkedPoll poll = open();
    poll.start(TOPICS, null, 25);
    assertEquals(List.of(), response.resumed);
    Message m = publish("1");
    publish("2");
    response.timeOut();
    services.closer.accept(DisconnectReason.OPERATOR);
    assertEquals(List.of(ok(List.of(m))), response.resumed);
    assertEquals("report answered", lastEffect());
    assertEquals(1, services.effects().stream().filter(e -> e.startsWith("report")).count());
  }

  @Test
  void aTimeoutAnswersWithNoMessagesAndTheCursor() {
    publish("0");
    open().start(TOPICS, null, 25);
    response.timeOut();
    assertEquals(List.of(okEmpty()), response.resumed);
    assertEquals("report timeout", lastEffect());
  }

  @Test
  void zeroSecondsAnswersAtOnceWithNoMessages() {
    open().start(TOPICS, null, 0);
    assertEquals(List.of(okEmpty()), response.resumed);
    assertEquals(List.of("timeout 1 SECONDS"), response.calls);
    assertEquals("report timeout", lastEffect());
  }

  @Test
  void anOperatorCloseAnswersWithNoMessages() {
    open().start(TOPICS, null, 25);
    String expected = okEmpty();
    services.closer.accept(DisconnectReason.OPERATOR);
    publish("late");
    assertEquals(List.of(expected), response.resumed);
    assertEquals(
        List.of("cancel expiry", "detach", "release", "report operator"),
        services.effects().subList(services.effects().size() - 4, services.effects().size()));
  }

  @Test
  void aStoppingServerAnswersWithTheFinalCursor() {
    publish("0");
    open().start(TOPICS, null, 25);
    String expected = okEmpty();
    services.hub.stop();
    assertEquals(List.of(expected), response.resumed);
    assertEquals("report answered", lastEffect());
  }

  @Test
  void whenJaxRsIsGoneTheGoodbyeIsWrittenThroughTheServletContainer() {
    List<String> written = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ServletOutputStream out =
        new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}

          @Override
          public void write(int b) {
            body.write(b);
          }
        };
    HttpServletResponse servletResponse =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (p, method, args) -> {
                  if (method.getName().equals("getOutputStream")) {
                    return out;
                  }
                  written.add(method.getName() + " " + List.of(args));
                  return null;
                });
    servletAsync =
        Optional.of(
            (AsyncContext)
                Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {AsyncContext.class},
                    (p, method, args) -> {
                      if (method.getName().equals("getResponse")) {
                        return servletResponse;
                      }
                      written.add(method.getName());
                      return null;
                    }));
    response.resumeFails = new IllegalStateException("JAX-RS stopped");
    open().start(TOPICS, null, 25);
    String expected = PollBody.of(List.of(), services.hub.position(), List.of(), false);
    services.hub.stop();
    assertEquals(expected, body.toString(StandardCharsets.UTF_8));
    assertEquals(
        List.of(
            "setStatus [200]",
            "setContentType [application/json]",
            "setHeader [Cache-Control, no-store]",
            "setContentLength [" + expected.length() + "]",
            "complete"),
        written);
    assertEquals(List.of(), response.resumed);
  }

  @Test
  void aBadCursorFreesThePollAndIsAnsweredAsAProblem() {
    ParkedPoll poll = open();
    poll.start(TOPICS, "not-a-cursor", 25);
    assertEquals(1, response.resumed.size());
    InvalidInputException e =
        assertInstanceOf(InvalidInputException.class, response.resumed.get(0));
    assertEquals("bad-cursor", e.code());
    assertEquals("report error", lastEffect());
    assertTrue(services.effects().contains("release"));
    assertEquals(0, services.hub.subscriberCount());
  }

  @Test
  void aHubResetAnswers503AndFreesThePoll() {
    ParkedPoll poll = open();
    poll.start(TOPICS, null, 25);
    poll.overflowed();
    assertEquals(1, response.resumed.size());
    assertInstanceOf(HubUnavailableException.class, response.resumed.get(0));
    assertEquals("report overflow", lastEffect());
  }

  @Test
  void aClientThatWentAwayIsCancelledNotAnswered() {
    open().start(TOPICS, null, 25);
    ConnectionCallback gone = (ConnectionCallback) response.callbacks.get(0);
    gone.onDisconnect(response);
    publish("late");
    assertEquals(List.of(), response.resumed);
    assertTrue(response.calls.contains("cancel"));
    assertEquals("report client-closed", lastEffect());
  }
}
