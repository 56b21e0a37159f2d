package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket client announces a 2 GiB text frame and then trickles its payload. Payara's WebSocket
 * layer holds an unfinished frame only up to the buffer {@code WEB-INF/web.xml} sets ({@code
 * IncomingFrameLimit}: 131,100 bytes), then closes the connection with 1009; on main it held 4 MiB
 * per connection and kept the buffers after they closed. Raw sockets, loopback, each connection
 * writes at most {@link #MAX_SENT} bytes.
 */
class OversizedFrameIT extends ContainerTest {
  private static final int MAX_SENT = 8 << 20;
  private static final int CONNECTIONS = 20;

  @Test
  void anAnnouncedTwoGibFrameIsRefusedQuicklyAfterABoundedBuffer() throws Exception {
    Result r = oversized();
    // Tyrus closes with 1011; Herald's 1009 goes out ahead of it (FrameOverflow).
    assertEquals(1009, r.closeCode(), "the code for a message over max-message-bytes");
    assertTrue(r.millis() < 5_000, "closed after " + r.millis() + " ms");
    assertTrue(r.sent() < MAX_SENT, "the server read " + r.sent() + " bytes without closing");
  }

  @Test
  void heapDoesNotGrowAcrossManyOversizedFrames() throws Exception {
    long before = heapAfterGc();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        results.add(pool.submit(this::oversized));
      }
      for (Future<Result> f : results) {
        assertEquals(1009, f.get(30, TimeUnit.SECONDS).closeCode());
      }
    } finally {
      pool.shutdownNow();
    }
    long grown = heapAfterGc() - before;
    // On main 20 such connections kept ~60 MiB; each may now keep at most two buffers of 128 KiB.
    assertTrue(grown < 16L << 20, "heap grew by " + (grown >> 10) + " KiB");
  }

  private long heapAfterGc() {
    return http.get("api/test/diag?gc=true").json().getJsonNumber("heap").longValue();
  }

  /** Opens a WebSocket, announces a 2 GiB frame, trickles until the server closes. */
  private Result oversized() throws IOException {
    try (Socket socket = new Socket(base().getHost(), base().getPort())) {
      // A blocked write has no timeout of its own: closing the socket ends it.
      CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(() -> quietlyClose(socket));
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      RawWebSocket.handshake(out, in, base(), null);
      long start = System.nanoTime();
      ByteBuffer header = ByteBuffer.allocate(14);
      header.put((byte) 0x81).put((byte) (0x80 | 127)).putLong(2L << 30).putInt(0x11223344);
      out.write(header.array());
      byte[] chunk = new byte[16 * 1024];
      int sent = 0;
      socket.setSoTimeout(1);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      Integer code = null;
      while (code == null && sent < MAX_SENT) {
        try {
          out.write(chunk);
          sent += chunk.length;
        } catch (SocketException closed) {
          break;
        }
        code = closeCode(in, received);
      }
      socket.setSoTimeout(5_000);
      while (code == null) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        received.write(b);
        code = closeCode(received.toByteArray());
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return new Result(code == null ? -1 : code, sent, millis);
    }
  }

  private static void quietlyClose(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** Reads what is there without waiting long, and returns a close frame's code if one came. */
  private static Integer closeCode(InputStream in, ByteArrayOutputStream received)
      throws IOException {
    byte[] buf = new byte[4096];
    try {
      int n = in.read(buf);
      if (n < 0) {
        return -1;
      }
      received.write(buf, 0, n);
    } catch (SocketTimeoutException nothingYet) {
      return null;
    }
    return closeCode(received.toByteArray());
  }

  /** The code of the first close frame among unmasked server frames, or null if none yet. */
  private static Integer closeCode(byte[] data) {
    int i = 0;
    while (i + 2 <= data.length) {
      int opcode = data[i] & 0x0f;
      long length = data[i + 1] & 0x7f;
      int at = i + 2;
      if (length == 126) {
        if (at + 2 > data.length) {
          return null;
        }
        length = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
        at += 2;
      } else if (length == 127) {
        if (at + 8 > data.length) {
          return null;
        }
        length = ByteBuffer.wrap(data, at, 8).getLong();
        at += 8;
      }
      if (opcode == 8 && length >= 2 && at + 2 <= data.length) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
      }
      i = at + (int) length;
    }
    return null;
  }

  private record Result(int closeCode, int sent, long millis) {}
}
