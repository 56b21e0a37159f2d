package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests that carry an {@code Upgrade} header but are not a WebSocket handshake to {@code
 * /api/ws}: each is refused at once with 400 {@code bad-upgrade}, whatever its credentials, and
 * none holds a request thread (on main they waited 30 s for the read timeout and answered 500). Raw
 * sockets, because {@code java.net.http} will not send {@code Upgrade} or {@code Connection}.
 */
class BadUpgradeIT extends ContainerTest {
  /**
   * Far below the 30 s a bad upgrade used to hold a thread, far above a loaded machine's answer.
   */
  private static final int ANSWER_MILLIS = 5_000;

  @Test
  void pollsAndPublishesCarryingUpgradeAreRefusedAt400WithoutPublishing() throws Exception {
    String t = prefix + "up";
    String body = "{\"topic\":\"" + t + "\",\"data\":1}";
    String token = Tokens.full();
    for (String credentials : new String[] {"", token, "not.a.jwt"}) {
      String authorization = credentials.isEmpty() ? "" : "Authorization: Bearer " + credentials;
      for (String upgrade : new String[] {"websocket", "h2c"}) {
        assertBadUpgrade(
            send(
                "GET /api/poll?topic=" + t + "&timeout=0",
                List.of("Upgrade: " + upgrade, "Connection: Upgrade", authorization),
                null));
        assertBadUpgrade(
            send(
                "POST /api/publish",
                List.of("Upgrade: " + upgrade, "Connection: Upgrade", authorization),
                body));
      }
    }
    assertEquals(
        0,
        http.as(token)
            .get("api/messages?topic=" + t + "&since=earliest")
            .json()
            .getJsonArray("messages")
            .size(),
        "nothing was published");
  }

  @Test
  void aMalformedOrMisdirectedWebSocketHandshakeIsRefusedAt400() throws Exception {
    List<String> handshake =
        List.of(
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: 13");
    assertBadUpgrade(send("GET /api/ws", handshake.subList(0, 2), null));
    assertBadUpgrade(send("GET /api/ws", List.of(handshake.get(0), handshake.get(2)), null));
    assertBadUpgrade(send("POST /api/ws", handshake, ""));
    assertBadUpgrade(send("GET /api/sse?topic=" + prefix + "x", handshake, null));
  }

  @Test
  void aNormalPollStaysFastWhileFiftyBadUpgradesAreInFlight() throws Exception {
    String t = prefix + "fast";
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Answer>> flood = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String line = i % 2 == 0 ? "GET /api/poll?topic=" + t + "&timeout=0" : "POST /api/publish";
        String body = i % 2 == 0 ? null : "{\"topic\":\"" + t + "\",\"data\":1}";
        flood.add(
            pool.submit(
                () -> send(line, List.of("Upgrade: websocket", "Connection: Upgrade"), body)));
      }
      long start = System.nanoTime();
      int status = http.as(Tokens.full()).get("api/poll?topic=" + t + "&timeout=0").status();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(200, status);
      assertTrue(millis < ANSWER_MILLIS, "a normal short poll took " + millis + " ms");
      for (Future<Answer> f : flood) {
        assertBadUpgrade(f.get(ANSWER_MILLIS * 2L, TimeUnit.MILLISECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertBadUpgrade(Answer a) {
    assertEquals(400, a.status(), a.toString());
    assertEquals("close", a.header("connection"), a.toString());
    assertEquals("application/problem+json", a.header("content-type"), a.toString());
    JsonObject problem = Json.createReader(new StringReader(a.body())).readObject();
    assertEquals("bad-upgrade", problem.getString("code"));
    assertEquals("urn:herald:problem:bad-upgrade", problem.getString("type"));
    assertEquals(400, problem.getInt("status"));
    assertTrue(a.millis() < ANSWER_MILLIS, "answered after " + a.millis() + " ms");
  }

  /** One raw HTTP/1.1 exchange on its own connection, read until the body is complete. */
  private Answer send(String requestLine, List<String> headers, String body) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket(base().getHost(), base().getPort())) {
      socket.setSoTimeout(ANSWER_MILLIS * 2);
      StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(base().getHost()).append(':').append(base().getPort());
      request.append("\r\n");
      for (String h : headers) {
        if (!h.isEmpty()) {
          request.append(h).append("\r\n");
        }
      }
      byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
      if (content != null) {
        request.append("Content-Type: application/json\r\n");
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      if (content != null) {
        socket.getOutputStream().write(content);
      }
      socket.getOutputStream().flush();
      return read(socket.getInputStream(), start);
    }
  }

  private static Answer read(InputStream in, long start) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int headEnd = -1;
    int length = -1;
    byte[] buf = new byte[8192];
    while (true) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      bytes.write(buf, 0, n);
      String text = bytes.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
        length = contentLength(text.substring(0, headEnd));
      }
      if (headEnd >= 0 && length >= 0 && bytes.size() >= headEnd + 4 + length) {
        break;
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(headEnd >= 0, "no answer: " + text);
    String head = text.substring(0, headEnd);
    return new Answer(
        Integer.parseInt(head.split(" ", 3)[1]), head, text.substring(headEnd + 4), millis);
  }

  private static int contentLength(String head) {
    String value = header(head, "content-length");
    return value == null ? -1 : Integer.parseInt(value);
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** A raw answer: status, head, body and how long it took from connecting. */
  private record Answer(int status, String head, String body, long millis) {
    String header(String name) {
      return BadUpgradeIT.header(head, name);
    }
  }
}
