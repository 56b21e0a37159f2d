package io.herald.transport.poll;

import io.herald.hub.Cursor;
import io.herald.hub.Message;
import io.herald.hub.ReadResult;
import java.util.List;

/**
 * The poll answer {@code {"messages":[...],"cursor":"...","gap":[...],"more":false}}, assembled
 * from each message's pre-encoded JSON. Its size is bounded by the page the messages were read with
 * ({@code herald.limits.history-page-max-bytes}): before pages, one {@code since=earliest} poll
 * over a full history built a 60 MB string, and ten at once ran a 1 GiB heap out of memory.
 *
 * <p>Stateless and thread-safe.
 */
final class PollBody {
  private PollBody() {}

  static String of(ReadResult r) {
    return of(r.messages(), r.cursor(), r.gap(), r.more());
  }

  static String of(List<Message> messages, Cursor cursor, List<String> gap, boolean more) {
    int size = 80;
    for (Message m : messages) {
      size += m.json().length() + 1;
    }
    StringBuilder b = new StringBuilder(size).append("{\"messages\":[");
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(messages.get(i).json());
    }
    b.append("],\"cursor\":\"").append(cursor).append("\",\"gap\":[");
    for (int i = 0; i < gap.size(); i++) {
      // Topic names need no escaping.
      b.append(i > 0 ? ",\"" : "\"").append(gap.get(i)).append('"');
    }
    return b.append("],\"more\":").append(more).append('}').toString();
  }
}
