package io.herald.transport.poll;

import io.herald.hub.Cursor;
import io.herald.hub.Message;
import io.herald.hub.ReadResult;
import java.util.List;

/**
 * The poll answer {@code {"messages":[...],"cursor":"...","gap":[...]}}, assembled from each
 * message's pre-encoded JSON.
 *
 * <p>Stateless and thread-safe.
 */
final class PollBody {
  private PollBody() {}

  static String of(ReadResult r) {
    return of(r.messages(), r.cursor(), r.gap());
  }

  static String of(List<Message> messages, Cursor cursor, List<String> gap) {
    int size = 64;
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
    return b.append("]}").toString();
  }
}
