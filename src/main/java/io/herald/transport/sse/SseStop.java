package io.herald.transport.sse;

import io.herald.error.EventSourceStop;
import io.herald.error.Failure;

/**
 * A refusal of an SSE request that reconnecting can never cure, to be answered to an EventSource
 * with 204 ({@link EventSourceStop}); thrown by {@link SseResource} before any stream is opened and
 * answered by {@link SseStopMapper}.
 *
 * <p>Immutable.
 */
public final class SseStop extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Failure failure;

  private SseStop(Failure failure, Throwable cause) {
    super(failure.message(), cause, false, false);
    this.failure = failure;
  }

  Failure failure() {
    return failure;
  }

  /**
   * What to throw for {@code refused}: an {@link SseStop} when the request is an EventSource's and
   * the refusal final, else {@code refused} itself (answered as a problem).
   */
  static RuntimeException of(String accept, RuntimeException refused) {
    Failure f = Failure.of(refused);
    return EventSourceStop.applies(accept, f) ? new SseStop(f, refused) : refused;
  }
}
