import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how a running Herald sees clients leave and which close codes its WebSocket clients get,
 * on whatever server it runs on (docs/servers.md, "Close codes and disconnects"). Raw sockets only,
 * so a frame header can announce more than is sent and a client can vanish without a close frame.
 *
 * <p>Run against a server on loopback whose public topics include {@code probe/**} (bounded: at most
 * 12 connections, about 2 minutes with a 10 s heartbeat):
 *
 * <pre>
 * java bench/disconnects/DisconnectProbe.java PORT SERVER_LOG HEARTBEAT_SECONDS
 * </pre>
 *
 * Prints one line per case: what the client saw, how long until {@code herald_connections_open}
 * dropped, which {@code herald_disconnects_total} reason grew, and the WARN/ERROR/SEVERE lines the
 * server logged meanwhile. Not part of the build.
 */
public final class DisconnectProbe {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern SAMPLE =
      Pattern.compile("^(herald_disconnects_total|herald_connections_open)\\{([^}]*)\\} ([0-9.eE+-]+)");

  private final int port;
  private final Path log;
  private final long heartbeatMillis;
  private final String prefix = "probe/" + Long.toHexString(System.nanoTime());

  private DisconnectProbe(int port, Path log, long heartbeatMillis) {
    this.port = port;
    this.log = log;
    this.heartbeatMillis = heartbeatMillis;
  }

  public static void main(String[] args) throws Exception {
    DisconnectProbe p =
        new DisconnectProbe(
            Integer.parseInt(args[0]),
            args.length > 1 ? Path.of(args[1]) : null,
            args.length > 2 ? Long.parseLong(args[2]) * 1000 : 25_000);
    String only = args.length > 3 ? args[3] : "all";
    if (only.equals("all") || only.contains("ws")) {
      p.wsNormalClose();
      p.wsAbruptClose();
      p.wsRefusedToken();
      p.wsOversizeWholeFrame();
      p.wsOversizeHeader();
    }
    if (only.equals("all") || only.contains("sse")) {
      p.sseLeaves();
    }
    if (only.equals("all") || only.contains("poll")) {
      p.longPollLeaves();
    }
    if (only.equals("all") || only.contains("idle")) {
      p.wsIdle();
    }
  }

  // ---- cases

  void wsNormalClose() throws Exception {
    Case c = start("ws client close 1000");
    try (Ws ws = Ws.open(port, "/api/ws")) {
      ws.subscribe(prefix + "/a");
      ws.sendClose(1000, "bye");
      Close got = ws.awaitClose(5000);
      c.seen = "server answered close " + got;
    }
    c.waitDrop("websocket", 1, 10_000);
    c.report();
  }

  void wsAbruptClose() throws Exception {
    Case c = start("ws client TCP close, no close frame");
    Ws ws = Ws.open(port, "/api/ws");
    ws.subscribe(prefix + "/b");
    ws.socket.close();
    c.seen = "-";
    c.waitDrop("websocket", 1, 3 * heartbeatMillis);
    c.report();
  }

  void wsRefusedToken() throws Exception {
    Case c = start("ws refused (bad token)");
    try (Ws ws = Ws.open(port, "/api/ws?access_token=not.a.jwt")) {
      c.seen = "close " + ws.awaitClose(5000);
    } catch (IOException refused) {
      c.seen = abbreviate(refused.getMessage().lines().findFirst().orElse("?"));
    }
    c.report();
  }

  void wsOversizeWholeFrame() throws Exception {
    Case c = start("ws 100000-byte text frame (limit 65536)");
    try (Ws ws = Ws.open(port, "/api/ws")) {
      ws.subscribe(prefix + "/c");
      byte[] big = new byte[100_000];
      java.util.Arrays.fill(big, (byte) 'x');
      ws.frame(0x1, big, big.length, big.length);
      c.seen = "close " + ws.awaitClose(10_000);
    }
    c.waitDrop("websocket", 1, 10_000);
    c.report();
  }

  void wsOversizeHeader() throws Exception {
    Case c = start("ws header announcing 2 GiB, trickled");
    try (Ws ws = Ws.open(port, "/api/ws")) {
      ws.subscribe(prefix + "/d");
      long announced = 1L << 31;
      ws.header(0x1, announced);
      byte[] chunk = new byte[16 * 1024];
      long sent = 0;
      Close got = null;
      ws.socket.setSoTimeout(50);
      while (sent < 8L * 1024 * 1024) {
        try {
          ws.out.write(chunk);
          ws.out.flush();
          sent += chunk.length;
        } catch (IOException e) {
          break;
        }
        got = ws.pollClose();
        if (got != null) {
          break;
        }
      }
      if (got == null) {
        got = ws.awaitClose(5000);
      }
      c.seen = "close " + got + " after " + sent / 1024 + " KiB sent";
    }
    c.waitDrop("websocket", 1, 10_000);
    c.report();
  }

  void wsIdle() throws Exception {
    Case c = start("ws idle client (never answers pings)");
    try (Ws ws = Ws.open(port, "/api/ws")) {
      ws.subscribe(prefix + "/e");
      long t0 = System.nanoTime();
      Close got = ws.awaitClose(4 * heartbeatMillis);
      c.seen = "close " + got + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }
    c.waitDrop("websocket", 1, 10_000);
    c.report();
  }

  void sseLeaves() throws Exception {
    for (int round = 0; round < 3; round++) {
      Case c = start("sse client leaves (TCP close) #" + (round + 1));
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.setSoTimeout(10_000);
      http(s, "GET /api/sse?topic=" + prefix + "/s HTTP/1.1", "Accept: text/event-stream");
      String head = readUntil(s.getInputStream(), "event: subscribed");
      if (!head.contains("subscribed")) {
        throw new IllegalStateException("no subscribed event: " + head);
      }
      s.close();
      c.seen = "-";
      c.waitDrop("sse", 1, 3 * heartbeatMillis + 5000);
      c.report();
    }
  }

  void longPollLeaves() throws Exception {
    Case c = start("long poll client leaves (TCP close)");
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port));
    http(s, "GET /api/poll?topic=" + prefix + "/p&timeout=25 HTTP/1.1");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (c.open("long-poll") <= c.openBefore.getOrDefault("long-poll", 0.0)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    c.openBefore.put("long-poll", c.open("long-poll") - 1);
    c.t0 = System.nanoTime();
    s.close();
    c.seen = "-";
    c.waitDrop("long-poll", 1, 35_000);
    c.report();
  }

  // ---- bookkeeping

  Case start(String name) throws Exception {
    return new Case(name);
  }

  final class Case {
    final String name;
    final Map<String, Double> before;
    final Map<String, Double> openBefore = new LinkedHashMap<>();
    final long logLines;
    long t0 = System.nanoTime();
    String seen = "";
    String detected = "not measured";

    Case(String name) throws Exception {
      this.name = name;
      Map<String, Double> m = metrics();
      before = m;
      for (String t : List.of("websocket", "sse", "long-poll")) {
        openBefore.put(t, m.getOrDefault("open|" + t, 0.0));
      }
      logLines = logLines();
    }

    double open(String transport) throws Exception {
      return metrics().getOrDefault("open|" + transport, 0.0);
    }

    void waitDrop(String transport, int n, long timeoutMillis) throws Exception {
      long start = t0;
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
      while (System.nanoTime() < deadline) {
        if (open(transport) <= openBefore.get(transport) - n + 0.5
            || open(transport) <= 0.5 && openBefore.get(transport) < 0.5) {
          detected = (System.nanoTime() - start) / 1_000_000 + " ms";
          return;
        }
        Thread.sleep(100);
      }
      detected = "still open after " + timeoutMillis + " ms";
    }

    void report() throws Exception {
      Thread.sleep(300);
      Map<String, Double> after = metrics();
      List<String> grew = new ArrayList<>();
      after.forEach(
          (k, v) -> {
            if (k.startsWith("disc|") && v - before.getOrDefault(k, 0.0) > 0.5) {
              grew.add(k.substring(5) + " +" + Math.round(v - before.getOrDefault(k, 0.0)));
            }
          });
      List<String> noise = newLogLines(logLines);
      System.out.printf(
          "%-42s | client saw: %s | noticed: %s | counted: %s | log: %d WARN/ERROR/SEVERE lines%s%n",
          name,
          seen,
          detected,
          grew.isEmpty() ? "nothing" : String.join(", ", grew),
          noise.size(),
          noise.isEmpty() ? "" : " (first: " + abbreviate(noise.get(0)) + ")");
    }
  }

  static String abbreviate(String s) {
    s = s.strip();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  long logLines() throws IOException {
    if (log == null || !Files.exists(log)) {
      return 0;
    }
    try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.count();
    }
  }

  List<String> newLogLines(long from) throws IOException {
    if (log == null || !Files.exists(log)) {
      return List.of();
    }
    try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines
          .skip(from)
          .filter(l -> l.matches(".*\\b(WARN|WARNING|ERROR|SEVERE)\\b.*"))
          .toList();
    }
  }

  Map<String, Double> metrics() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, Double> m = new LinkedHashMap<>();
    for (String line : r.body().split("\n")) {
      Matcher x = SAMPLE.matcher(line);
      if (!x.find()) {
        continue;
      }
      String labels = x.group(2);
      String transport = label(labels, "transport");
      if (x.group(1).equals("herald_connections_open")) {
        m.put("open|" + transport, Double.parseDouble(x.group(3)));
      } else {
        m.put("disc|" + transport + "/" + label(labels, "reason"), Double.parseDouble(x.group(3)));
      }
    }
    return m;
  }

  static String label(String labels, String name) {
    Matcher x = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
    return x.find() ? x.group(1) : "?";
  }

  static void http(Socket s, String requestLine, String... headers) throws IOException {
    StringBuilder b = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    b.append("\r\n");
    s.getOutputStream().write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  static String readUntil(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      seen.write(buf, 0, n);
    }
    return seen.toString(StandardCharsets.ISO_8859_1);
  }

  record Close(int code, String reason) {
    @Override
    public String toString() {
      return code + (reason.isEmpty() ? "" : " \"" + reason + "\"");
    }
  }

  /** A minimal client-side WebSocket over a plain socket. */
  static final class Ws implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    private Ws(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    static Ws open(int port, String path) throws IOException {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.setSoTimeout(10_000);
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      http(
          s,
          "GET " + path + " HTTP/1.1",
          "Upgrade: websocket",
          "Connection: Upgrade",
          "Sec-WebSocket-Version: 13",
          "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key));
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed during handshake: " + head);
        }
        head.append((char) b);
      }
      if (!head.toString().startsWith("HTTP/1.1 101")) {
        throw new IOException("no upgrade: " + head);
      }
      return new Ws(s);
    }

    void subscribe(String topic) throws IOException {
      byte[] b =
          ("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}")
              .getBytes(StandardCharsets.UTF_8);
      frame(0x1, b, b.length, b.length);
      // Wait for the subscribed frame, so the connection is counted open.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < deadline) {
        Object f = readFrame();
        if (f instanceof String text && text.contains("subscribed")) {
          return;
        }
        if (f instanceof Close c) {
          throw new IOException("closed: " + c);
        }
      }
      throw new IOException("no subscribed frame");
    }

    void header(int opcode, long length) throws IOException {
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      h.write(0x80 | opcode);
      if (length < 126) {
        h.write(0x80 | (int) length);
      } else if (length < 65536) {
        h.write(0x80 | 126);
        h.write((int) (length >> 8));
        h.write((int) length);
      } else {
        h.write(0x80 | 127);
        for (int i = 7; i >= 0; i--) {
          h.write((int) (length >> (8 * i)));
        }
      }
      h.write(new byte[4]); // zero mask: the payload goes as is
      out.write(h.toByteArray());
    }

    void frame(int opcode, byte[] payload, long announced, int send) throws IOException {
      header(opcode, announced);
      out.write(payload, 0, send);
      out.flush();
    }

    void sendClose(int code, String reason) throws IOException {
      byte[] r = reason.getBytes(StandardCharsets.UTF_8);
      byte[] p = new byte[2 + r.length];
      p[0] = (byte) (code >> 8);
      p[1] = (byte) code;
      System.arraycopy(r, 0, p, 2, r.length);
      frame(0x8, p, p.length, p.length);
    }

    /** The next frame: a String (text), a Close, or a byte[] (other). */
    Object readFrame() throws IOException {
      int b0 = in.read();
      if (b0 < 0) {
        return new Close(1006, "(TCP closed, no close frame)");
      }
      int b1 = readByte();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = (readByte() << 8) | readByte();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | readByte();
        }
      }
      byte[] p = in.readNBytes((int) len);
      int op = b0 & 0x0f;
      if (op == 0x8) {
        int code = p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : 1005;
        return new Close(code, p.length > 2 ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "");
      }
      return op == 0x1 ? new String(p, StandardCharsets.UTF_8) : p;
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new IOException("truncated frame");
      }
      return b;
    }

    Close awaitClose(long millis) throws IOException {
      long deadline = System.nanoTime() + millis * 1_000_000;
      socket.setSoTimeout((int) Math.max(1, millis));
      while (System.nanoTime() < deadline) {
        try {
          if (readFrame() instanceof Close c) {
            return c;
          }
        } catch (SocketTimeoutException e) {
          break;
        } catch (IOException e) {
          return new Close(1006, "(" + e.getMessage() + ")");
        }
      }
      return new Close(-1, "(none within " + millis + " ms)");
    }

    Close pollClose() throws IOException {
      try {
        while (true) {
          Object f = readFrame();
          if (f instanceof Close c) {
            return c;
          }
        }
      } catch (SocketTimeoutException e) {
        return null;
      } catch (IOException e) {
        return new Close(1006, "(" + e.getMessage() + ")");
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
