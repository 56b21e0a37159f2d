package io.herald.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventSourceStopTest {
  private static final Failure FORBIDDEN = Failure.of("forbidden", 403, "no");

  @Test
  void onlyAnEventSourcesAcceptIsAnswered204() {
    assertTrue(EventSourceStop.applies("text/event-stream", FORBIDDEN));
    assertTrue(EventSourceStop.applies(" Text/Event-Stream ", FORBIDDEN));
    assertFalse(EventSourceStop.applies(null, FORBIDDEN));
    assertFalse(EventSourceStop.applies("*/*", FORBIDDEN));
    assertFalse(EventSourceStop.applies("text/event-stream, application/problem+json", FORBIDDEN));
  }

  @Test
  void onlyFinalRefusalsAre204AndTransientOnesKeepTheirProblem() {
    assertTrue(EventSourceStop.applies("text/event-stream", Failure.of("bad-topic", 400, "x")));
    assertTrue(EventSourceStop.applies("text/event-stream", Failure.of("invalid-token", 401, "x")));
    assertFalse(
        EventSourceStop.applies("text/event-stream", Failure.of("too-many-connections", 429, "x")));
    assertFalse(EventSourceStop.applies("text/event-stream", Failure.of("unavailable", 503, "x")));
    assertFalse(
        EventSourceStop.applies("text/event-stream", Failure.of(Failure.INTERNAL, 500, "x")));
  }
}
