package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Malformed input against every endpoint: random bytes, truncated JSON, huge numbers, deep nesting,
 * invalid UTF-8, unknown frame types, huge arrays, hostile query strings. Never a 5xx, never a
 * crash, and a subscriber watching all along keeps receiving. Seeded, so a failure reproduces;
 * bounded to a few hundred inputs per endpoint.
 */
class FuzzIT extends ContainerTest {
  private static final int INPUTS = 150;

  /** Close codes a fuzzed WebSocket may legitimately get: bad type, bad UTF-8, too big. */
  private static final Set<Integer> WS_CLOSES = Set.of(1003, 1007, 1009);

  private final Random random = new Random(20261122);

  private byte[] input(int i) {
    String valid =
        "{\"topic\":\"" + prefix + "f\",\"event\":\"e\",\"data\":{\"a\":[1,2,{\"b\":\"c\"}]}}";
    switch (i % 10) {
      case 0:
        byte[] b = new byte[1 + random.nextInt(2000)];
        random.nextBytes(b);
        return b;
      case 1:
        return utf8(valid.substring(0, random.nextInt(valid.length())));
      case 2:
        return utf8("{\"topic\":\"" + prefix + "f\",\"data\":1" + "9".repeat(20000) + "e99999999}");
      case 3:
        int depth = 500 + random.nextInt(20000);
        return utf8("[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 0));
      case 4:
        byte[] head = utf8("{\"topic\":\"" + prefix + "f\",\"data\":\"");
        byte[] out = new byte[head.length + 6];
        System.arraycopy(head, 0, out, 0, head.length);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, '"'};
        System.arraycopy(bad, 0, out, head.length, 6);
        return out;
      case 5:
        return utf8("{\"type\":\"" + "zz" + random.nextInt() + "\",\"topic\":1,\"data\":null}");
      case 6:
        return utf8("[" + "1,".repeat(20000 + random.nextInt(10000)) + "1]");
      case 7:
        return utf8(
            "{\"topic\":\"" + "a".repeat(random.nextInt(300)) + "\",\"data\":{}," + "\"x\":");
      case 8:
        return utf8(
            "["
                + ("{\"topic\":\"" + prefix + "f\",\"data\":" + random.nextInt() + "},")
                    .repeat(1001)
                + "{}]");
      default:
        return utf8(
            "{\"type\":\"subscribe\",\"topics\":[\"../\",\"\\u0000\",\""
                + "t".repeat(200)
                + "\"],\"since\":\""
                + random.nextLong()
                + "-x\"}");
    }
  }

  @Test
  void malformedInputNeverGivesA5xxAndSubscribersKeepReceiving() throws Exception {
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    try (WsClient watcher = ws()) {
      watcher.subscribe(null, prefix + "watch");
      for (int i = 0; i < INPUTS; i++) {
        byte[] body = input(i);
        int status = rawRequest("POST", "/api/publish", body);
        statuses.merge(status, 1, Integer::sum);
        assertTrue(status > 0 && status < 500, "POST /api/publish input " + i + " gave " + status);
        String q = query(body);
        for (String path :
            new String[] {
              "/api/messages?" + q, "/api/poll?timeout=0&" + q, "/api/sse?" + q,
            }) {
          int s = rawRequest("GET", path, null);
          statuses.merge(s, 1, Integer::sum);
          assertTrue(s > 0 && s < 500, "GET " + path + " gave " + s);
        }
        if (i % 10 == 0) {
          String id = http.publish(prefix + "watch", Integer.toString(i));
          assertEquals(id, watcher.next("message").getString("id"), "watcher after input " + i);
        }
      }
    }
    System.out.println("fuzz HTTP statuses: " + statuses);
  }

  @Test
  void malformedWebSocketFramesGetErrorsOrDocumentedClosesOnly() throws Exception {
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    try (WsClient watcher = ws()) {
      watcher.subscribe(null, prefix + "watch");
      List<byte[]> frames = new ArrayList<>();
      for (int i = 0; i < INPUTS; i++) {
        frames.add(input(i));
      }
      for (int i = 0; i < frames.size(); i++) {
        int code = rawWebSocket(frames.get(i));
        outcomes.merge(code == 0 ? "error frame" : "close " + code, 1, Integer::sum);
        assertTrue(code == 0 || WS_CLOSES.contains(code), "frame " + i + " closed with " + code);
        if (i % 10 == 0) {
          String id = http.publish(prefix + "watch", Integer.toString(i));
          assertEquals(id, watcher.next("message").getString("id"), "watcher after frame " + i);
        }
      }
    }
    System.out.println("fuzz WebSocket outcomes: " + outcomes);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Builds a query from input bytes: raw (percent-encoded) as topic and since values. */
  private String query(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 600), StandardCharsets.ISO_8859_1);
    String enc = URLEncoder.encode(text, StandardCharsets.ISO_8859_1);
    int kind = random.nextInt(4);
    return switch (kind) {
      case 0 -> "topic=" + enc;
      case 1 -> "topic=" + prefix + "q&since=" + enc;
      case 2 -> "topic=" + prefix + "q&since=" + random.nextLong() + "-" + random.nextLong();
      default -> "topic=" + prefix + "q&since=%FF%FE%00" + "&topic=" + enc;
    };
  }

  /** Sends one HTTP/1.0 request over a raw socket; answers the status, or -1 if none came. */
  private int rawRequest(String method, String path, byte[] body) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", base().getPort()), 5000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String head =
          method
              + " "
              + path
              + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + (body != null ? "Content-Length: " + body.length + "\r\n" : "")
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = s.getInputStream();
      byte[] line = new byte[12];
      int n = in.readNBytes(line, 0, 12);
      if (n < 12) {
        return -1;
      }
      return Integer.parseInt(new String(line, 9, 3, StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * Opens a WebSocket over a raw socket, sends {@code payload} as one masked text frame, then a
   * ping frame; answers 0 if the connection is still open (the pong came back), else the close code
   * the server sent.
   */
  private int rawWebSocket(byte[] payload) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", base().getPort()), 5000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream headers = new ByteArrayOutputStream();
      while (!headers.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("no handshake answer");
        }
        headers.write(c);
      }
      assertTrue(headers.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101"));
      out.write(frame(0x1, payload));
      out.flush();
      while (true) {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
          return -1;
        }
        long len = b1 & 0x7f;
        if (len == 126) {
          len = (in.read() << 8) | in.read();
        } else if (len == 127) {
          len = 0;
          for (int k = 0; k < 8; k++) {
            len = (len << 8) | in.read();
          }
        }
        byte[] data = in.readNBytes((int) len);
        int opcode = b0 & 0x0f;
        if (opcode == 0x1
            && new String(data, StandardCharsets.UTF_8).startsWith("{\"type\":\"error\"")) {
          return 0;
        }
        if (opcode == 0x8) {
          return data.length >= 2 ? ((data[0] & 0xff) << 8) | (data[1] & 0xff) : 1005;
        }
      }
    }
  }

  /** A masked client frame (mask of zeros keeps the payload as is). */
  private static byte[] frame(int opcode, byte[] payload) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | opcode);
    if (payload.length < 126) {
      f.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      f.write(0x80 | 126);
      f.write(payload.length >> 8);
      f.write(payload.length & 0xff);
    } else {
      f.write(0x80 | 127);
      for (int k = 7; k >= 0; k--) {
        f.write((int) ((long) payload.length >> (8 * k)) & 0xff);
      }
    }
    f.writeBytes(new byte[4]);
    f.writeBytes(payload);
    return f.toByteArray();
  }
}
