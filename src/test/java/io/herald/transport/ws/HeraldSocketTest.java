package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.ops.DisconnectReason;
import org.junit.jupiter.api.Test;

/** A close the container reports is counted the same whichever server sent it. */
class HeraldSocketTest {
  @Test
  void theClientsOwnClosesAreClientClosed() {
    for (int code : new int[] {1000, 1001, 1005, 1006, 4000}) {
      assertEquals(DisconnectReason.CLIENT_CLOSED, HeraldSocket.reasonFor(code), "code " + code);
    }
  }

  @Test
  void aContainersMessageSizeLimitIsServerClosed() {
    assertEquals(DisconnectReason.SERVER_CLOSED, HeraldSocket.reasonFor(1009));
  }

  @Test
  void aSlowConsumerCloseIsOverflow() {
    assertEquals(DisconnectReason.OVERFLOW, HeraldSocket.reasonFor(4008));
  }
}
