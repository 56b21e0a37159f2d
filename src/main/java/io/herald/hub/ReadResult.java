package io.herald.hub;

import java.util.List;

/**
 * What a read of history after a cursor found.
 *
 * <p>Immutable.
 *
 * @param messages retained messages after the cursor, in the page's order (cursor order unless
 *     reversed)
 * @param cursor where the next read continues: the position after these messages, or, when {@code
 *     more}, the last message of this page (for a reversed page, the oldest, to read before)
 * @param gap topics whose history after the requested cursor is incomplete
 * @param more whether the page was full: reading again from {@code cursor} finds more
 */
public record ReadResult(List<Message> messages, Cursor cursor, List<String> gap, boolean more) {

  /** A complete read: nothing more after {@code cursor}. */
  public ReadResult(List<Message> messages, Cursor cursor, List<String> gap) {
    this(messages, cursor, gap, false);
  }
}
