package io.herald.hub;

import java.util.ArrayList;
import java.util.List;

/**
 * How much one read of history may answer: at most {@code limit} messages and about {@code
 * maxBytes} of their JSON, read oldest first or, {@code reverse}, newest first. A page always holds
 * at least one message when any is there, so a client that follows the cursor always advances.
 *
 * <p>Immutable. Built by the transports from a request's {@code limit}; read by {@link History}
 * implementations.
 *
 * @param limit most messages, at least 1
 * @param maxBytes most bytes of message JSON (UTF-16 length, which is the UTF-8 length for ASCII),
 *     at least 1; the first message is taken whatever its size
 * @param reverse newest first: the read cursor is then an exclusive upper bound
 */
public record Page(int limit, long maxBytes, boolean reverse) {
  /** Everything, oldest first: for replays whose size the caller bounds otherwise. */
  public static final Page ALL = new Page(Integer.MAX_VALUE, Long.MAX_VALUE, false);

  public Page {
    if (limit < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("a page holds at least one message and byte");
    }
  }

  /**
   * Cuts candidates, already in reading order, to this page.
   *
   * @param candidates the messages a read found, in this page's order, possibly more than fit
   * @return the messages that fit, in order; {@code candidates} itself when all fit
   */
  public List<Message> cut(List<Message> candidates) {
    long bytes = 0;
    int n = 0;
    for (Message m : candidates) {
      if (n == limit || (n > 0 && bytes + m.json().length() > maxBytes)) {
        break;
      }
      bytes += m.json().length();
      n++;
    }
    return n == candidates.size() ? candidates : new ArrayList<>(candidates.subList(0, n));
  }
}
