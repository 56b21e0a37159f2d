package io.herald.soak;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One raw TCP connection of an abusive client, from a chosen loopback source address (so the
 * abusers' per-address limits are not the honest clients'), with just enough HTTP/1.1 and WebSocket
 * framing to misbehave. Every open connection is in {@link #OPEN} so that stopping the abusers can
 * close them all, which also ends a write or read blocked on one.
 *
 * <p>Not thread-safe: one abuser thread owns each connection.
 */
final class Raw implements Closeable {
  /** Every connection not yet closed. */
  static final Set<Raw> OPEN = ConcurrentHashMap.newKeySet();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private Raw(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects from {@code local} (e.g. 127.0.0.3) to the server; reads time out after {@code
   * readMillis}.
   */
  static Raw connect(String local, int port, int readMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(local, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(readMillis);
      Raw r = new Raw(s);
      OPEN.add(r);
      return r;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Sends a request head (and body) as given, CRLFs included. */
  Raw write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  Raw write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads the response head up to the blank line (at most 16 KiB) and answers its status. */
  int readStatus() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4 && head.size() < 16_384) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the response head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String line = head.toString(StandardCharsets.ISO_8859_1);
    return Integer.parseInt(line.substring(9, 12));
  }

  /** Reads and discards until the server closes or the read times out; answers the bytes read. */
  long drain() throws IOException {
    byte[] buf = new byte[65_536];
    long total = 0;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      total += n;
    }
    return total;
  }

  /** Reads up to {@code max} bytes that are available within the read timeout. */
  byte[] readSome(int max) throws IOException {
    byte[] buf = new byte[max];
    int n = in.read(buf);
    return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
  }

  /** Opens a WebSocket on {@code path} from {@code local}; answers null unless upgraded (101). */
  static Raw webSocket(String local, int port, String path, int readMillis) throws IOException {
    Raw r = connect(local, port, readMillis);
    r.write(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    if (r.readStatus() != 101) {
      r.drop();
      return null;
    }
    return r;
  }

  /** Opens an SSE stream on {@code path}; answers the status (the stream stays open). */
  int sse(int port, String path) throws IOException {
    write(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nAccept: text/event-stream\r\n\r\n");
    return readStatus();
  }

  /** A masked (zero key) client text frame carrying {@code text}. */
  static byte[] textFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] head = frameHeader(payload.length);
    byte[] frame = java.util.Arrays.copyOf(head, head.length + payload.length);
    System.arraycopy(payload, 0, frame, head.length, payload.length);
    return frame;
  }

  /** The header of a masked text frame announcing {@code length} payload bytes (zero mask key). */
  static byte[] frameHeader(long length) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write(0x81);
    if (length < 126) {
      h.write(0x80 | (int) length);
    } else if (length < 65_536) {
      h.write(0x80 | 126);
      h.write((int) (length >>> 8));
      h.write((int) length);
    } else {
      h.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        h.write((int) (length >>> (8 * i)));
      }
    }
    h.writeBytes(new byte[4]);
    return h.toByteArray();
  }

  /** Drops the connection without any goodbye: an RST, as a client that vanished. */
  void drop() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Closing anyway.
    }
    close();
  }

  @Override
  public void close() {
    OPEN.remove(this);
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** Closes every connection still open (ends blocked reads and writes of stopping abusers). */
  static void closeAll() {
    for (Raw r : OPEN) {
      r.drop();
    }
  }
}
