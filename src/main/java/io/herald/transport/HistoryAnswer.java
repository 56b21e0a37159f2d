package io.herald.transport;

import io.herald.hub.Message;
import io.herald.hub.ReadResult;

/**
 * The fields of a history answer, {@code "messages":[...],"next":"<cursor>"|null,"gap":[...]},
 * shared by {@code GET /api/history} (wrapped in braces) and the WebSocket {@code history} frame
 * (after its {@code type} and {@code ref}). {@code next} is set only when the page was full:
 * reading again with {@code since=next} and the same direction continues exactly where this page
 * stopped.
 *
 * <p>Stateless and thread-safe; called by the history transports on their request threads.
 */
public final class HistoryAnswer {
  private HistoryAnswer() {}

  /** Appends the fields of {@code r} to {@code b}, which the caller opened and will close. */
  public static StringBuilder fields(StringBuilder b, ReadResult r) {
    b.append("\"messages\":[");
    for (int i = 0; i < r.messages().size(); i++) {
      Message m = r.messages().get(i);
      b.append(i > 0 ? "," : "").append(m.json());
    }
    b.append("],\"next\":");
    if (r.more()) {
      b.append('"').append(r.cursor()).append('"');
    } else {
      b.append("null");
    }
    b.append(",\"gap\":[");
    for (int i = 0; i < r.gap().size(); i++) {
      // Topic names need no escaping.
      b.append(i > 0 ? ",\"" : "\"").append(r.gap().get(i)).append('"');
    }
    return b.append(']');
  }

  /** Capacity to give a builder for {@code r}'s fields, so it is filled without copying. */
  public static int size(ReadResult r) {
    int size = 96;
    for (Message m : r.messages()) {
      size += m.json().length() + 1;
    }
    return size;
  }
}
