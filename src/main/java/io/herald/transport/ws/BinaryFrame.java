package io.herald.transport.ws;

import io.herald.hub.Draft;
import io.herald.hub.Message;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The WebSocket binary frame of a message whose data is binary ({@code {"$base64":…}}), for
 * connections that negotiated {@code herald.v1}: a UTF-8 JSON header, the text message frame
 * without its {@code data} member ({@code {"type":"message","id","topic","event","time"}}), a
 * newline (byte 10), then the raw bytes (docs/protocol.md, "Binary data"). It is the same layout as
 * a binary frame a client publishes with.
 *
 * <p>The payload and the whole raw frame are each encoded at most about once per message, on the
 * hub's delivery pool (never on the publisher's thread), and shared by every subscriber ({@link
 * Message.Codec}). Stateless and thread-safe; called by {@link WsConnection}.
 */
final class BinaryFrame {
  /** The memo of a message whose data is not binary (a real payload is never empty). */
  private static final byte[] NOT_BINARY = new byte[0];

  private static final Message.Codec<byte[]> PAYLOAD = new Message.Codec<>(BinaryFrame::encode);
  // Separate from PAYLOAD so that a connection sending raw frames (the default on Payara) keeps
  // only
  // the frame on the message, not the payload too.
  private static final Message.Codec<byte[]> FRAME =
      new Message.Codec<>(
          m -> {
            byte[] payload = encode(m);
            return payload == NOT_BINARY ? NOT_BINARY : RawFrames.binary(payload);
          });

  private BinaryFrame() {}

  /** The binary frame's payload for {@code m}, or {@code null} when its data is not binary. */
  static byte[] payload(Message m) {
    byte[] p = m.encoded(PAYLOAD);
    return p.length == 0 ? null : p;
  }

  /**
   * The whole server-to-client binary frame for {@code m} (opcode 2, unmasked), for {@link
   * RawFrames}, or {@code null} when its data is not binary.
   */
  static byte[] frame(Message m) {
    byte[] f = m.encoded(FRAME);
    return f.length == 0 ? null : f;
  }

  /** The header, a newline and the bytes; {@link #NOT_BINARY} when the data is not binary. */
  static byte[] encode(Message m) {
    byte[] bytes = bytes(m);
    if (bytes == null) {
      return NOT_BINARY;
    }
    byte[] header = header(m).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[header.length + 1 + bytes.length];
    System.arraycopy(header, 0, out, 0, header.length);
    out[header.length] = '\n';
    System.arraycopy(bytes, 0, out, header.length + 1, bytes.length);
    return out;
  }

  /** The text message frame's members but {@code data}, in the same order. */
  static String header(Message m) {
    // Cursor, topic and event names and the time need no JSON escaping (see Message).
    return "{\"type\":\"message\",\"id\":\""
        + m.id()
        + "\",\"topic\":\""
        + m.topic()
        + "\",\"event\":\""
        + m.event()
        + "\",\"time\":\""
        + m.time()
        + "\"}";
  }

  /** The bytes {@code m}'s data declares, or {@code null} when it is not {@code {"$base64":…}}. */
  private static byte[] bytes(Message m) {
    // Most data is not binary: parse only what could be.
    String json = m.dataJson();
    if (!json.startsWith("{") || !json.contains(Draft.BASE64)) {
      return null;
    }
    if (m.data() instanceof JsonObject o
        && o.size() == 1
        && o.get(Draft.BASE64) instanceof JsonString s) {
      try {
        return Base64.getDecoder().decode(s.getString());
      } catch (IllegalArgumentException e) {
        // Validated when published; a store holding something else gets the envelope.
        return null;
      }
    }
    return null;
  }
}
