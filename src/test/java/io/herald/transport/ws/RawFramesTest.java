package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Server frames as RawFrames encodes them (RFC 6455 §5.2): unmasked, FIN set, 7/16/64-bit length.
 */
class RawFramesTest {

  @Test
  void shortTextFramesHaveASevenBitLength() {
    assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, RawFrames.text("hi"));
    assertArrayEquals(new byte[] {(byte) 0x81, 0}, RawFrames.text(""));
    byte[] f = RawFrames.text("x".repeat(125));
    assertEquals(127, f.length);
    assertEquals(125, f[1]);
  }

  @Test
  void lengthsFrom126UseSixteenBitsAndFrom65536SixtyFourBits() {
    byte[] f = RawFrames.text("x".repeat(126));
    assertEquals(4 + 126, f.length);
    assertArrayEquals(new byte[] {(byte) 0x81, 126, 0, 126}, Arrays.copyOf(f, 4));

    f = RawFrames.text("x".repeat(65_535));
    assertArrayEquals(new byte[] {(byte) 0x81, 126, (byte) 0xff, (byte) 0xff}, Arrays.copyOf(f, 4));

    f = RawFrames.text("x".repeat(65_536));
    assertEquals(10 + 65_536, f.length);
    assertArrayEquals(new byte[] {(byte) 0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}, Arrays.copyOf(f, 10));
  }

  @Test
  void theLengthCountsUtf8BytesNotCharacters() {
    String text = "{\"data\":\"é€😀\"}";
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] f = RawFrames.text(text);
    assertEquals(payload.length, f[1]);
    assertArrayEquals(payload, Arrays.copyOfRange(f, 2, f.length));
  }

  @Test
  void binaryFramesHaveOpcodeTwoAndTheSameLengths() {
    assertArrayEquals(
        new byte[] {(byte) 0x82, 3, 0, '\n', (byte) 0xff},
        RawFrames.binary(new byte[] {0, '\n', (byte) 0xff}));
    byte[] f = RawFrames.binary(new byte[70_000]);
    assertEquals(10 + 70_000, f.length);
    assertArrayEquals(
        new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70}, Arrays.copyOf(f, 10));
  }

  @Test
  void pingFramesCarryTheirPayload() {
    assertArrayEquals(new byte[] {(byte) 0x89, 2, 'h', 'b'}, RawFrames.ping(new byte[] {'h', 'b'}));
  }
}
