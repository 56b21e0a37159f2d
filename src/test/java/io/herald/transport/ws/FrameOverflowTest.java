package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tyrus' close for a frame past its buffer is recognised, and 1009 is encoded as RFC 6455 says. */
class FrameOverflowTest {
  @Test
  void onlyTyrusBufferOverflowCloseIsRecognised() {
    assertTrue(
        FrameOverflow.is(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "Buffer overflow.")));
    assertFalse(FrameOverflow.is(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "other")));
    assertFalse(FrameOverflow.is(new CloseReason(CloseCodes.TOO_BIG, "Buffer overflow.")));
    assertFalse(FrameOverflow.is(new CloseReason(CloseCodes.NORMAL_CLOSURE, "")));
  }

  @Test
  void theCloseFrameIsFinOpcode8UnmaskedWithTheCodeThenTheReason() {
    byte[] reason = "too big".getBytes(StandardCharsets.UTF_8);
    byte[] expected = new byte[4 + reason.length];
    expected[0] = (byte) 0x88;
    expected[1] = (byte) (2 + reason.length);
    expected[2] = (byte) (1009 >>> 8);
    expected[3] = (byte) (1009 & 0xff);
    System.arraycopy(reason, 0, expected, 4, reason.length);
    assertArrayEquals(expected, FrameOverflow.close(1009, "too big"));
  }

  @Test
  void aLongReasonIsCutToFitAControlFrame() {
    byte[] frame = FrameOverflow.close(1009, "x".repeat(300));
    assertTrue(frame[1] <= 125, "payload " + frame[1]);
    assertTrue(frame.length == 2 + frame[1]);
  }
}
