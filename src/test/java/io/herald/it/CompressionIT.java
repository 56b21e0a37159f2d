package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.RawWebSocket;
import io.herald.testkit.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate (RFC 7692) with {@code herald.websocket.compression=true}, as the container
 * tests' deployment sets it: a raw-socket client (Java's WebSocket client cannot offer extensions)
 * offers it, gets it in the handshake answer, sends a compressed {@code subscribe} and reads the
 * compressed {@code subscribed} and message frames back, and a {@code herald.v1} one its binary
 * data as a compressed binary frame. Loopback, a few small frames.
 */
class CompressionIT extends ContainerTest {
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
  private static final String DEFLATE =
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

  @Test
  void aClientOfferingDeflateGetsItAndFramesRoundTripCompressed() throws Exception {
    String t = prefix + "a";
    try (Socket socket = new Socket(base().getHost(), base().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String head = RawWebSocket.handshake(out, in, base(), Tokens.full(), DEFLATE);
      assertTrue(
          head.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate"),
          head);
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      Inflater inflater = new Inflater(true);
      sendCompressed(out, deflater, "{\"type\":\"subscribe\",\"topics\":[\"" + t + "\"]}");
      assertEquals("subscribed", read(in, inflater).getString("type"));
      String id = http.publish(t, "{\"text\":\"" + "compress me ".repeat(50) + "\"}");
      JsonObject m = read(in, inflater);
      assertEquals("message", m.getString("type"));
      assertEquals(id, m.getString("id"));
      assertEquals("compress me ".repeat(50), m.getJsonObject("data").getString("text"));
    }
  }

  @Test
  void aHeraldV1ClientGetsBinaryDataAsACompressedBinaryFrame() throws Exception {
    String t = prefix + "a";
    byte[] bytes = new byte[600];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 7 == 0 ? '\n' : i);
    }
    try (Socket socket = new Socket(base().getHost(), base().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String head =
          RawWebSocket.handshake(
                  out, in, base(), Tokens.full(), DEFLATE, "Sec-WebSocket-Protocol: herald.v1")
              .toLowerCase(Locale.ROOT);
      assertTrue(head.contains("sec-websocket-extensions: permessage-deflate"), head);
      assertTrue(head.contains("sec-websocket-protocol: herald.v1"), head);
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      Inflater inflater = new Inflater(true);
      sendCompressed(out, deflater, "{\"type\":\"subscribe\",\"topics\":[\"" + t + "\"]}");
      assertEquals("subscribed", read(in, inflater).getString("type"));
      String id =
          http.publish(t, "{\"$base64\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}");
      byte[] frame = inflate(in, inflater, 0x2);
      int newline = 0;
      while (frame[newline] != '\n') {
        newline++;
      }
      String header = new String(frame, 0, newline, StandardCharsets.UTF_8);
      String start =
          "{\"type\":\"message\",\"id\":\""
              + id
              + "\",\"topic\":\""
              + t
              + "\",\"event\":\"message\",\"time\":\"";
      assertTrue(header.startsWith(start) && header.endsWith("\"}"), header);
      assertArrayEquals(bytes, Arrays.copyOfRange(frame, newline + 1, frame.length));
    }
  }

  @Test
  void aClientOfferingNothingGetsNoExtension() throws Exception {
    try (Socket socket = new Socket(base().getHost(), base().getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          RawWebSocket.handshake(
              socket.getOutputStream(), socket.getInputStream(), base(), Tokens.full());
      assertFalse(head.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"), head);
    }
  }

  /** One masked text frame with RSV1 set, its payload deflated and the 4-byte tail dropped. */
  private static void sendCompressed(OutputStream out, Deflater deflater, String text)
      throws IOException {
    deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
    byte[] buf = new byte[8192];
    int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
    byte[] payload = Arrays.copyOf(buf, n - TAIL.length);
    assertTrue(payload.length < 126);
    byte[] mask = {1, 2, 3, 4};
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | 0x40 | 0x1);
    frame.write(0x80 | payload.length);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads one unfragmented server text frame, which must be compressed, and inflates it. */
  private static JsonObject read(DataInputStream in, Inflater inflater)
      throws IOException, DataFormatException {
    byte[] text = inflate(in, inflater, 0x1);
    try (var r = Json.createReader(new StringReader(new String(text, StandardCharsets.UTF_8)))) {
      return r.readObject();
    }
  }

  /**
   * Reads one unfragmented server frame of {@code opcode}, which must be compressed; inflates it.
   */
  private static byte[] inflate(DataInputStream in, Inflater inflater, int opcode)
      throws IOException, DataFormatException {
    int b0 = in.readUnsignedByte();
    assertEquals(0x80 | opcode, b0 & 0x8f, "a final frame of opcode " + opcode);
    assertTrue((b0 & 0x40) != 0, "RSV1: the server compressed the frame");
    int len = in.readUnsignedByte() & 0x7f;
    long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    byte[] all = Arrays.copyOf(payload, payload.length + TAIL.length);
    System.arraycopy(TAIL, 0, all, payload.length, TAIL.length);
    inflater.setInput(all);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = inflater.inflate(buf)) > 0) {
      text.write(buf, 0, n);
    }
    return text.toByteArray();
  }
}
