package io.herald.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The machine's ceiling: a raw Java NIO fan-out loop on one thread. It speaks just enough HTTP and
 * WebSocket for the same load generator: {@code GET /ready}, a WebSocket upgrade on any other GET
 * (the connection then receives every message), and {@code POST /publish}, whose body is framed
 * once and written to every subscriber, one write per message per subscriber as the real servers
 * do. Bytes a subscriber cannot take yet are queued and flushed on OP_WRITE.
 *
 * <p>Run as its own process: {@code java io.herald.bench.Ceiling <port>}. Single-threaded.
 */
public final class Ceiling {
  private static final byte[] SUBSCRIBED =
      "{\"type\":\"subscribed\"}".getBytes(StandardCharsets.US_ASCII);

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private final List<Peer> subscribers = new ArrayList<>();
  private final Selector selector;

  private Ceiling(Selector selector) {
    this.selector = selector;
  }

  /** Starts the server on 127.0.0.1 at the given port and serves until killed. */
  public static void main(String[] args) throws IOException {
    Selector selector = Selector.open();
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 4096);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    new Ceiling(selector).loop(server);
  }

  private void loop(ServerSocketChannel server) throws IOException {
    ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    while (true) {
      selector.select();
      for (SelectionKey key : selector.selectedKeys()) {
        if (!key.isValid()) {
          continue;
        }
        if (key.isAcceptable()) {
          SocketChannel ch;
          while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.socket().setTcpNoDelay(true);
            Peer p = new Peer(ch);
            p.key = ch.register(selector, SelectionKey.OP_READ, p);
          }
          continue;
        }
        Peer p = (Peer) key.attachment();
        try {
          if (key.isWritable()) {
            p.flush();
          }
          if (key.isReadable()) {
            in.clear();
            int n = p.ch.read(in);
            if (n < 0) {
              drop(p);
            } else if (!p.upgraded) {
              in.flip();
              p.request.append(StandardCharsets.ISO_8859_1.decode(in));
              request(p);
            }
          }
        } catch (IOException e) {
          drop(p);
        }
      }
      selector.selectedKeys().clear();
    }
  }

  private void request(Peer p) throws IOException {
    String text = p.request.toString();
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      return;
    }
    String head = text.substring(0, headEnd);
    String line = head.substring(0, head.indexOf("\r\n"));
    if (line.startsWith("POST")) {
      int length = Integer.parseInt(header(head, "content-length"));
      if (text.length() < headEnd + 4 + length) {
        return;
      }
      String body = text.substring(headEnd + 4, headEnd + 4 + length);
      p.request.delete(0, headEnd + 4 + length);
      publish(body.getBytes(StandardCharsets.ISO_8859_1));
      p.send(ascii("HTTP/1.1 204 No Content\r\n\r\n"));
      if (p.request.length() > 0) {
        request(p);
      }
    } else if (line.startsWith("GET /ready")) {
      p.request.setLength(0);
      p.send(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    } else {
      String key = header(head, "sec-websocket-key");
      String accept;
      try {
        accept =
            Base64.getEncoder()
                .encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(ascii(key + GUID).array()));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      p.request.setLength(0);
      p.upgraded = true;
      p.send(
          ascii(
              "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n"));
      subscribers.add(p);
      // Clients count from this frame, as they do from the other targets' "subscribed".
      p.send(textFrame(SUBSCRIBED));
    }
  }

  private static ByteBuffer textFrame(byte[] payload) {
    int n = payload.length;
    int headerLength = n < 126 ? 2 : 4;
    ByteBuffer frame = ByteBuffer.allocateDirect(headerLength + n);
    frame.put((byte) 0x81);
    if (n < 126) {
      frame.put((byte) n);
    } else {
      frame.put((byte) 126).putShort((short) n);
    }
    frame.put(payload).flip();
    return frame;
  }

  private void publish(byte[] payload) {
    ByteBuffer frame = textFrame(payload);
    for (int i = subscribers.size() - 1; i >= 0; i--) {
      Peer p = subscribers.get(i);
      try {
        p.send(frame.duplicate());
      } catch (IOException e) {
        drop(p);
      }
    }
  }

  private void drop(Peer p) {
    p.key.cancel();
    subscribers.remove(p);
    try {
      p.ch.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static String header(String head, String name) {
    for (String h : head.split("\r\n")) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return h.substring(colon + 1).trim();
      }
    }
    throw new IllegalArgumentException("missing header " + name);
  }

  private static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** One connection and the bytes it could not take yet. */
  private static final class Peer {
    final SocketChannel ch;
    final StringBuilder request = new StringBuilder();
    final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    SelectionKey key;
    boolean upgraded;

    Peer(SocketChannel ch) {
      this.ch = ch;
    }

    void send(ByteBuffer b) throws IOException {
      if (backlog.isEmpty()) {
        ch.write(b);
        if (!b.hasRemaining()) {
          return;
        }
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
      backlog.add(b);
    }

    void flush() throws IOException {
      while (!backlog.isEmpty()) {
        ByteBuffer b = backlog.peek();
        ch.write(b);
        if (b.hasRemaining()) {
          return;
        }
        backlog.poll();
      }
      key.interestOps(SelectionKey.OP_READ);
    }
  }
}
