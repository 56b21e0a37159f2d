package io.herald.transport.sse;

import io.herald.ops.DisconnectReason;
import io.herald.transport.ClientSession;
import io.herald.transport.PeerGone;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Ends an SSE stream's session as soon as the servlet container says its request is over (the
 * client left, a network error, the container's async timeout, or the stream completed), instead of
 * waiting for the next write to fail. It listens on the request's {@link
 * jakarta.servlet.AsyncContext} when the JAX-RS implementation has already put the request in async
 * mode by the time the resource method runs; otherwise the stream is noticed at its next write as
 * before (docs/servers.md lists which servers tell). Ending is idempotent, so a listener call after
 * Herald closed the stream itself changes nothing.
 *
 * <p>Stateless apart from the session; the container calls it on its own threads.
 */
final class SseEnd implements AsyncListener {
  private final ClientSession session;

  private SseEnd(ClientSession session) {
    this.session = session;
  }

  /**
   * Listens for the end of {@code request} when it is asynchronous.
   *
   * @return whether the container will tell
   */
  static boolean watch(HttpServletRequest request, ClientSession session) {
    try {
      if (request != null && request.isAsyncStarted()) {
        request.getAsyncContext().addListener(listener(session));
        return true;
      }
    } catch (IllegalStateException | UnsupportedOperationException e) {
      // The request is already over or not ours to watch; the next write notices.
    }
    return false;
  }

  /** A listener ending {@code session}; {@link #watch} registers one. */
  static AsyncListener listener(ClientSession session) {
    return new SseEnd(session);
  }

  /** The reason for a container-reported failure on the stream's request. */
  static DisconnectReason reasonFor(Throwable failure) {
    return failure == null || PeerGone.is(failure)
        ? DisconnectReason.CLIENT_CLOSED
        : DisconnectReason.WRITE_FAILED;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    session.end(DisconnectReason.CLIENT_CLOSED);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    session.end(DisconnectReason.SERVER_CLOSED);
  }

  @Override
  public void onError(AsyncEvent event) {
    session.end(reasonFor(event.getThrowable()));
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    event.getAsyncContext().addListener(this);
  }
}
