package io.herald.it.health;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many SSE streams over raw sockets, all read by one selector thread: enough for thousands of
 * clients on two cores. Each stream may come from its own loopback source address (any of
 * 127.0.0.0/8 on Linux), so per-address limits can be exercised independently. HTTP/1.0 requests
 * keep the body unchunked. Also opens stalled streams (tiny receive buffer, never read) and drops
 * streams abruptly (RST, no close handshake).
 */
final class RawStreams implements AutoCloseable {
  private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

  /** One stream's state as the reader sees it. Fields are read by tests after waiting. */
  static final class Stream {
    final String address;
    final SocketChannel channel;
    final Socket stalled;
    private final StringBuilder buf = new StringBuilder();
    private boolean headersDone;
    volatile int status = -1;
    volatile String headers = "";
    volatile boolean subscribed;
    volatile boolean ended;
    volatile int heartbeats;
    volatile String lastRetry;
    volatile int retries;
    final List<Integer> ns = java.util.Collections.synchronizedList(new ArrayList<>());

    Stream(String address, SocketChannel channel, Socket stalled) {
      this.address = address;
      this.channel = channel;
      this.stalled = stalled;
    }

    void feed(String text) {
      buf.append(text);
      if (!headersDone) {
        int end = buf.indexOf("\r\n\r\n");
        if (end < 0) {
          return;
        }
        headers = buf.substring(0, end);
        String first =
            headers.substring(0, headers.indexOf("\r\n") < 0 ? end : headers.indexOf("\r\n"));
        status = Integer.parseInt(first.split(" ")[1]);
        buf.delete(0, end + 4);
        headersDone = true;
      }
      int sep;
      while ((sep = buf.indexOf("\n\n")) >= 0) {
        String event = buf.substring(0, sep);
        buf.delete(0, sep + 2);
        if (event.contains("event: subscribed") || event.contains("event:subscribed")) {
          subscribed = true;
        }
        if (event.startsWith(":") || event.contains("\n:")) {
          heartbeats++;
        }
        for (String line : event.split("\n")) {
          if (line.startsWith("retry:")) {
            lastRetry = line.substring(6).trim();
            retries++;
          }
          if (line.startsWith("data:")) {
            Matcher m = N.matcher(line);
            if (m.find()) {
              ns.add(Integer.parseInt(m.group(1)));
            }
          }
        }
      }
    }

    /** The body received so far that is not yet a complete event (e.g. a problem JSON). */
    synchronized String rest() {
      return buf.toString();
    }
  }

  private final int port;
  private final Selector selector;
  private final Thread reader;
  private final ConcurrentLinkedQueue<Stream> pending = new ConcurrentLinkedQueue<>();
  private final List<Stream> all = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean running = true;

  RawStreams(int port) {
    this.port = port;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::loop, "raw-sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The {@code i}-th source address when each address carries {@code perAddress} streams. */
  static String address(int i, int perAddress, int block) {
    int a = i / perAddress;
    return "127." + block + "." + (a / 250) + "." + (a % 250 + 1);
  }

  /** Opens a stream read by the selector. */
  Stream open(String localAddress, String pathAndQuery) {
    try {
      SocketChannel ch = SocketChannel.open();
      ch.bind(new InetSocketAddress(localAddress, 0));
      ch.connect(new InetSocketAddress("127.0.0.1", port));
      ch.write(ByteBuffer.wrap(request(pathAndQuery)));
      ch.configureBlocking(false);
      Stream s = new Stream(localAddress, ch, null);
      pending.add(s);
      all.add(s);
      selector.wakeup();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a stream that never reads: a stalled consumer. */
  Stream stalled(String localAddress, String pathAndQuery) {
    try {
      Socket s = new Socket();
      s.setReceiveBufferSize(4096);
      s.bind(new InetSocketAddress(localAddress, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      OutputStream out = s.getOutputStream();
      out.write(request(pathAndQuery));
      out.flush();
      Stream st = new Stream(localAddress, null, s);
      all.add(st);
      return st;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server has closed a stalled stream (reads what is buffered to find out). */
  static boolean serverClosed(Stream s) {
    try {
      s.stalled.setSoTimeout(50);
      byte[] b = new byte[65536];
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < deadline) {
        int n = s.stalled.getInputStream().read(b);
        if (n < 0) {
          return true;
        }
      }
      return false;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Drops a stream without a close handshake: the kernel sends RST. */
  static void abort(Stream s) {
    try {
      if (s.channel != null) {
        s.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        s.channel.close();
      } else {
        s.stalled.setSoLinger(true, 0);
        s.stalled.close();
      }
    } catch (IOException e) {
      // already gone
    }
  }

  private byte[] request(String pathAndQuery) {
    return ("GET "
            + pathAndQuery
            + " HTTP/1.0\r\nHost: 127.0.0.1:"
            + port
            + "\r\nAccept: "
            + (pathAndQuery.startsWith("/api/sse") ? "text/event-stream" : "application/json")
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private void loop() {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    while (running) {
      try {
        selector.select(100);
        Stream p;
        while ((p = pending.poll()) != null) {
          p.channel.register(selector, SelectionKey.OP_READ, p);
        }
        for (SelectionKey k : selector.selectedKeys()) {
          Stream s = (Stream) k.attachment();
          buf.clear();
          int n;
          try {
            n = s.channel.read(buf);
          } catch (IOException e) {
            n = -1;
          }
          if (n < 0) {
            s.ended = true;
            k.cancel();
            s.channel.close();
          } else if (n > 0) {
            synchronized (s) {
              s.feed(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
            }
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException | RuntimeException e) {
        if (running) {
          e.printStackTrace();
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Stream s : List.copyOf(all)) {
      abort(s);
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
