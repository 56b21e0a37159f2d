package io.herald.transport.ws;

import io.herald.limits.LimitExceededException;
import io.herald.limits.Limits;
import io.herald.ops.DisconnectReason;
import java.nio.ByteBuffer;

/**
 * Where {@link HeraldSocket} sends the container's events for one connection: {@link #IGNORED}
 * until the connection's session is open (and for good after a refusal), then an {@link Open}.
 *
 * <p>Implementations are called on the container's I/O threads, one event at a time per connection.
 */
interface WsFrames {
  /** Drops every event: nothing is open to receive them. */
  WsFrames IGNORED =
      new WsFrames() {
        @Override
        public void text(String text) {}

        @Override
        public void alive() {}

        @Override
        public void ended(DisconnectReason reason, String detail) {}
      };

  /** A text frame from the client. */
  void text(String text);

  /** A binary frame from the client (the container bounds its size). */
  default void binary(ByteBuffer bytes) {}

  /** Any other sign of life (a pong). */
  void alive();

  /** The container closed the connection or saw it fail. */
  void ended(DisconnectReason reason, String detail);

  /** An open connection: frames are size-checked and run as commands; its end ends its session. */
  record Open(WsConnection connection, WsCommands commands, Limits limits) implements WsFrames {
    @Override
    public void text(String text) {
      connection.seen();
      try {
        limits.checkSize(text);
      } catch (LimitExceededException e) {
        connection.close(e.failure().close(), e.getMessage());
        return;
      }
      commands.handle(text);
    }

    @Override
    public void binary(ByteBuffer bytes) {
      connection.seen();
      commands.handleBinary(bytes);
    }

    @Override
    public void alive() {
      connection.seen();
    }

    @Override
    public void ended(DisconnectReason reason, String detail) {
      // A close Herald sent comes back from the container as if the client had closed.
      DisconnectReason closing = connection.closingFor();
      connection.client().end(closing != null ? closing : reason, detail);
    }
  }
}
