package io.herald.transport;

import io.herald.hub.Subscriber;
import io.herald.ops.DisconnectReason;
import java.util.Optional;

/**
 * What a {@link ClientSession} needs of one connection's transport adapter ({@code WsConnection},
 * {@code SseStream}, {@code ParkedPoll}), besides being the hub's {@link Subscriber}: how to close
 * it, what to do when the caller's token expires, and its heartbeat. An adapter is complete when
 * constructed; it is built by {@link Sessions#open} with the session it belongs to, and ends that
 * session ({@link ClientSession#end}) when its client goes away or a write fails.
 *
 * <p>Implementations are thread-safe: the session, the hub's delivery pool, the heartbeat timer and
 * the container's threads call them.
 */
public interface Transport extends Subscriber {
  /**
   * Closes the client side of the connection the transport's way (a close frame, the end of the
   * stream, the poll's answer). The session calls it once, from {@link ClientSession#end}, while
   * the connection is still attached to the hub; it must not block.
   */
  void close(DisconnectReason reason);

  /** The caller's credentials expired; called by the session's expiry timer. */
  void expired();

  /** The heartbeat to register while the connection is open, if the transport has one. */
  Optional<Heartbeats.Beat> heartbeat();
}
