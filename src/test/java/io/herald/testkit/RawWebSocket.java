package io.herald.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket opening handshake on {@code /api/ws} written and read by hand on a raw socket, for
 * tests that need what Java's WebSocket client cannot do: offer extensions, or send frames no
 * client library would (an announced 2 GiB frame). The test owns the socket and its framing after
 * the handshake.
 *
 * <p>Stateless; safe from any thread, each call on its own socket.
 */
public final class RawWebSocket {
  // Any 16 bytes in base64 will do (RFC 6455 4.1); the answer's Sec-WebSocket-Accept is not
  // checked.
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private RawWebSocket() {}

  /**
   * Sends the upgrade request for {@code base}'s {@code api/ws} with {@code headers} (each {@code
   * "Name: value"}) after the handshake's own, reads the answer's head up to the blank line and
   * fails unless it is {@code 101}.
   *
   * @param token bearer token for the upgrade request, or null for none
   * @return the answer's head, status line to blank line, CRLFs included
   */
  public static String handshake(
      OutputStream out, InputStream in, URI base, String token, String... headers)
      throws IOException {
    StringBuilder request =
        new StringBuilder("GET /api/ws HTTP/1.1\r\nHost: ")
            .append(base.getHost())
            .append(':')
            .append(base.getPort())
            .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ")
            .append(KEY)
            .append("\r\nSec-WebSocket-Version: 13\r\n");
    if (token != null) {
      request.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "handshake answer: " + head);
      head.append((char) b);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    return head.toString();
  }
}
