package io.herald.transport.sse;

import io.herald.ops.DisconnectReason;
import io.herald.transport.ClientSession;
import io.herald.transport.PeerGone;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Ends an SSE stream's session as soon as the servlet container says its request is over (the
 * client left, a network error, the container's async timeout, or the stream completed), instead of
 * waiting for the next write to fail. It listens on the request's {@link
 * jakarta.servlet.AsyncContext} when the JAX-RS implementation has already put the request in async
 * mode by the time the resource method runs; otherwise the stream is noticed at its next write as
 * before (docs/servers.md lists which servers tell). Ending is idempotent, so a listener call after
 * Herald closed the stream itself changes nothing.
 *
 * <p>The end runs on another thread, never inside the callback: Undertow calls {@code onError} from
 * within a failing flush of the stream's own write, on the thread writing, and RESTEasy's {@code
 * SseEventSink.close()} then waits for that very write to finish. Ending inline blocked a Herald
 * delivery thread for good (measured on WildFly 39: one SSE client leaving stopped every stream
 * that thread served).
 *
 * <p>Stateless apart from the stream; the container calls it on its own threads.
 */
final class SseEnd implements AsyncListener {
  private final SseStream stream;
  private final Executor ender;

  private SseEnd(SseStream stream, Executor ender) {
    this.stream = stream;
    this.ender = ender;
  }

  /**
   * Listens for the end of {@code request} when it is asynchronous.
   *
   * @return whether the container will tell
   */
  static boolean watch(HttpServletRequest request, SseStream stream) {
    try {
      if (request != null && request.isAsyncStarted()) {
        request.getAsyncContext().addListener(listener(stream));
        return true;
      }
    } catch (IllegalStateException | UnsupportedOperationException e) {
      // The request is already over or not ours to watch; the next write notices.
    }
    return false;
  }

  /** A listener ending {@code stream}; {@link #watch} registers one. */
  static AsyncListener listener(SseStream stream) {
    return listener(stream, ForkJoinPool.commonPool());
  }

  /** A listener ending {@code stream} on {@code ender}. */
  static AsyncListener listener(SseStream stream, Executor ender) {
    return new SseEnd(stream, ender);
  }

  /** The reason for a container-reported failure on the stream's request. */
  static DisconnectReason reasonFor(Throwable failure) {
    return failure == null || PeerGone.is(failure)
        ? DisconnectReason.CLIENT_CLOSED
        : DisconnectReason.WRITE_FAILED;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    stream.requestOver();
    end(DisconnectReason.CLIENT_CLOSED);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    end(DisconnectReason.SERVER_CLOSED);
  }

  @Override
  public void onError(AsyncEvent event) {
    // The container completes a request whose error no listener handled (the servlet spec's rule).
    stream.requestOver();
    end(reasonFor(event.getThrowable()));
  }

  private void end(DisconnectReason reason) {
    ClientSession session = stream.session();
    if (session.status() != ClientSession.Status.CLOSED) {
      ender.execute(() -> session.end(reason));
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    event.getAsyncContext().addListener(this);
  }
}
