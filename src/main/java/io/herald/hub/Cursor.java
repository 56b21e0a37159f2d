package io.herald.hub;

/**
 * A position in one history: every message id is a cursor, and a cursor resumes all topics of a
 * connection. Clients treat the text form as opaque.
 *
 * <p>The text form is {@code <epoch>-<seq>}: {@code epoch} names the history (a fresh in-memory
 * history after a restart has a new one, so old cursors are recognised as foreign), {@code seq} is
 * the message's place in the total order of that history. Immutable and thread-safe.
 *
 * @param epoch identity of the history that issued this cursor
 * @param seq position in that history; 0 means "before the first message"
 */
public record Cursor(String epoch, long seq) implements Comparable<Cursor> {

  /** The text clients may send to ask for everything retained. */
  public static final String EARLIEST = "earliest";

  private static final int MAX_TEXT = 64;

  /** Parses a cursor's text form, throwing {@link InvalidInputException} {@code bad-cursor}. */
  public static Cursor parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      throw bad(text);
    }
    int dash = text.lastIndexOf('-');
    if (dash <= 0 || dash == text.length() - 1) {
      throw bad(text);
    }
    String epoch = text.substring(0, dash);
    for (int i = 0; i < epoch.length(); i++) {
      char c = epoch.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        throw bad(text);
      }
    }
    long seq;
    try {
      seq = Long.parseLong(text.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (seq < 0) {
      throw bad(text);
    }
    return new Cursor(epoch, seq);
  }

  /**
   * Checks a client's {@code since}: {@code null}, {@link #EARLIEST} or a well-formed cursor.
   *
   * @return the same text
   * @throws InvalidInputException {@code bad-cursor} otherwise
   */
  public static String checkSince(String since) {
    if (since != null && !EARLIEST.equals(since)) {
      parse(since);
    }
    return since;
  }

  private static InvalidInputException bad(String text) {
    String shown = text == null ? "nothing" : text.length() > 40 ? text.substring(0, 40) : text;
    return new InvalidInputException(
        "bad-cursor", "cursor '" + shown + "' is malformed; use a message id or 'earliest'");
  }

  @Override
  public int compareTo(Cursor o) {
    return Long.compare(seq, o.seq);
  }

  @Override
  public String toString() {
    return epoch + "-" + seq;
  }
}
