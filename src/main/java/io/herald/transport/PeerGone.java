package io.herald.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Tells a client that simply went away from a real failure, in the exceptions containers report for
 * a connection: an end of stream, a closed channel, a reset or broken pipe. Tomcat (TomEE) reports
 * an ordinary WebSocket disconnect through {@code @OnError} with an {@link EOFException}; Undertow
 * and Jersey report an SSE client that left as an {@link IOException} on the next write. Those are
 * counted as {@code client-closed}, not {@code error}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PeerGone {
  private static final String[] MESSAGES = {
    "broken pipe",
    "connection reset",
    "connection was aborted",
    "stream is closed",
    "channel is closed",
    "connection closed",
    "an established connection was aborted"
  };

  private PeerGone() {}

  /** Whether {@code failure}, or any of its causes, says the peer closed the connection. */
  public static boolean is(Throwable failure) {
    for (Throwable t = failure, seen = null; t != null && t != seen; seen = t, t = t.getCause()) {
      if (t instanceof EOFException || t instanceof ClosedChannelException) {
        return true;
      }
      if (t instanceof IOException && t.getMessage() != null) {
        String m = t.getMessage().toLowerCase(Locale.ROOT);
        for (String gone : MESSAGES) {
          if (m.contains(gone)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
