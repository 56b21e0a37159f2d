package io.herald.hub;

import java.util.List;

/**
 * Signal queued ahead of a (re)subscription's replay: which topics were subscribed, the cursor the
 * stream now stands at (replayed messages follow it), and which topics have a gap because history
 * after the client's cursor is no longer retained or the cursor came from another history.
 *
 * <p>Immutable.
 *
 * @param topics the topics this subscription added
 * @param cursor resume position; resuming from it yields the same replay
 * @param gap topics whose history after the requested cursor is incomplete; empty when none
 */
public record Resumed(List<String> topics, Cursor cursor, List<String> gap) implements Outbound {
  @Override
  public int weight() {
    return 64 + 16 * topics.size();
  }
}
