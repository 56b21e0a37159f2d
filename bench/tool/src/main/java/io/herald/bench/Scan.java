package io.herald.bench;

import io.netty.buffer.ByteBuf;

/**
 * Finds every benchmark message in received bytes without parsing JSON: each message's data is
 * {@code {"bs":<sequence>,"bt":<scheduled micros>,"p":"…"}}, whatever envelope the server wraps it
 * in.
 *
 * <p>Stateless and thread-safe.
 */
final class Scan {
  private Scan() {}

  /** Records each message found in {@code buf[from, to)}; returns how many. */
  static int messages(ByteBuf buf, int from, int to, Tally tally, Tally.Track track) {
    int found = 0;
    int i = from;
    while (true) {
      int s = find(buf, i, to, 's');
      if (s < 0) {
        return found;
      }
      long seq = 0;
      int j = s;
      for (; j < to; j++) {
        byte c = buf.getByte(j);
        if (c < '0' || c > '9') {
          break;
        }
        seq = seq * 10 + (c - '0');
      }
      int t = find(buf, j, to, 't');
      if (t < 0) {
        return found;
      }
      long at = 0;
      int k = t;
      for (; k < to; k++) {
        byte c = buf.getByte(k);
        if (c < '0' || c > '9') {
          break;
        }
        at = at * 10 + (c - '0');
      }
      tally.record(track, seq, at);
      found++;
      i = k;
    }
  }

  /** Index just after the next {@code "b<letter>":}, or -1. */
  private static int find(ByteBuf buf, int from, int to, char letter) {
    for (int i = from; i + 5 <= to; i++) {
      if (buf.getByte(i) == '"'
          && buf.getByte(i + 1) == 'b'
          && buf.getByte(i + 2) == letter
          && buf.getByte(i + 3) == '"'
          && buf.getByte(i + 4) == ':') {
        return i + 5;
      }
    }
    return -1;
  }
}
