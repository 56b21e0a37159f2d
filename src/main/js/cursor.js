/** Parses a cursor `<epoch>-<seq>`; returns null for anything else. */
export function parseCursor(text) {
  if (typeof text !== 'string') return null;
  const m = /^([a-z0-9]+)-(\d{1,16})$/.exec(text);
  if (!m) return null;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? { epoch: m[1], seq } : null;
}

/**
 * The one cursor of a client, across every transport and reconnection. Message ids are positions in
 * the server's single total order, so "new" is simply "later than the cursor, in the same history";
 * a message from another history (the server restarted with an empty memory) starts it afresh.
 */
export class CursorTracker {
  constructor(initial = null) {
    this.cursor = parseCursor(initial) ? initial : null;
  }

  /** Whether the message with this id is new; if so the cursor moves to it. */
  accept(id) {
    const m = parseCursor(id);
    if (!m) return false;
    const c = parseCursor(this.cursor);
    if (c && c.epoch === m.epoch && m.seq <= c.seq) return false;
    this.cursor = id;
    return true;
  }

  /**
   * A position the server vouches for on the stream being read (a `subscribed` cursor, a poll's
   * cursor): everything up to it has been delivered. Never moves back within one history.
   */
  advance(position) {
    const p = parseCursor(position);
    if (!p) return;
    const c = parseCursor(this.cursor);
    if (!c || c.epoch !== p.epoch || p.seq > c.seq) this.cursor = position;
  }
}
