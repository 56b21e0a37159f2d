package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.herald.hub.Cursor;
import io.herald.hub.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The binary frame of a binary message (docs/protocol.md, "Binary data"): the text message frame
 * without {@code data} as a UTF-8 JSON header, a newline, the raw bytes; nothing for other data.
 */
class BinaryFrameTest {
  private static final Instant TIME = Instant.parse("2026-11-26T03:00:00.123Z");

  private static Message message(String dataJson) {
    return new Message(new Cursor("k3x9q2", 43), "files/x", "upload", dataJson, TIME);
  }

  private static byte[] concat(String header, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  @Test
  void theHeaderIsTheTextMessageFrameWithoutData() {
    Message m = message("{\"$base64\":\"AAEC/w==\"}");
    String header =
        "{\"type\":\"message\",\"id\":\"k3x9q2-43\",\"topic\":\"files/x\",\"event\":\"upload\","
            + "\"time\":\"2026-11-26T03:00:00.123Z\"}";
    assertEquals(header, BinaryFrame.header(m));
    assertEquals(
        WsFrame.message(m).replace(",\"data\":{\"$base64\":\"AAEC/w==\"}", ""),
        BinaryFrame.header(m));
    assertArrayEquals(concat(header, new byte[] {0, 1, 2, (byte) 0xff}), BinaryFrame.payload(m));
  }

  @Test
  void bytesAreCopiedAsTheyAreNewlinesIncluded() {
    byte[] bytes = new byte[300];
    Arrays.fill(bytes, (byte) '\n');
    bytes[299] = (byte) 0x80;
    Message m =
        message("{\"$base64\":\"" + java.util.Base64.getEncoder().encodeToString(bytes) + "\"}");
    assertArrayEquals(concat(BinaryFrame.header(m), bytes), BinaryFrame.payload(m));
  }

  @Test
  void noBytesIsTheHeaderAndTheNewline() {
    Message m = message("{\"$base64\":\"\"}");
    assertArrayEquals(concat(BinaryFrame.header(m), new byte[0]), BinaryFrame.payload(m));
  }

  @Test
  void otherDataHasNoBinaryFrame() {
    for (String data :
        new String[] {
          "1",
          "\"$base64\"",
          "{\"text\":\"$base64\"}",
          "{\"$base64\":\"AA==\",\"more\":1}",
          "{\"$base64\":7}",
          "{\"$base64\":\"not base64!\"}",
          "[{\"$base64\":\"AA==\"}]"
        }) {
      assertNull(BinaryFrame.payload(message(data)), data);
      assertNull(BinaryFrame.frame(message(data)), data);
    }
  }

  @Test
  void theFrameIsEncodedOncePerMessageAndShared() {
    Message m = message("{\"$base64\":\"AAEC\"}");
    byte[] payload = BinaryFrame.payload(m);
    assertSame(payload, BinaryFrame.payload(m));
    byte[] frame = BinaryFrame.frame(m);
    assertSame(frame, BinaryFrame.frame(m));
    assertArrayEquals(RawFrames.binary(payload), frame);
  }
}
