package io.herald.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WsConnectionTest {
  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void shortReasonsAreKeptAsTheyAre() {
    String reason = "x".repeat(123);
    assertSame(reason, WsConnection.fit(reason));
  }

  @Test
  void longReasonsAreCutTo123BytesWithAnEllipsis() {
    String cut = WsConnection.fit("invalid-token: " + "y".repeat(300));
    assertEquals(123, bytes(cut));
    assertTrue(cut.startsWith("invalid-token: yyy") && cut.endsWith("..."), cut);
  }

  @Test
  void multiByteCharactersAreNeverSplit() {
    // 'é' is 2 bytes, '😀' a surrogate pair of 4 bytes.
    for (String unit : new String[] {"é", "😀"}) {
      String cut = WsConnection.fit(unit.repeat(100));
      assertTrue(bytes(cut) <= 123, cut);
      String body = cut.substring(0, cut.length() - 3);
      assertEquals(body, new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      assertEquals(0, body.replace(unit, "").length(), "only whole characters kept");
    }
  }

  @Test
  void closesHeraldSendsAreCountedForWhatTheyMean() {
    assertEquals(
        io.herald.ops.DisconnectReason.TIMEOUT,
        WsConnection.reasonFor(io.herald.error.CloseCode.HEARTBEAT_MISSED));
    assertEquals(
        io.herald.ops.DisconnectReason.OVERFLOW,
        WsConnection.reasonFor(io.herald.error.CloseCode.SLOW_CONSUMER));
    for (io.herald.error.CloseCode c :
        java.util.List.of(
            io.herald.error.CloseCode.MESSAGE_TOO_BIG,
            io.herald.error.CloseCode.POLICY_VIOLATION,
            io.herald.error.CloseCode.GOING_AWAY)) {
      assertEquals(
          io.herald.ops.DisconnectReason.SERVER_CLOSED, WsConnection.reasonFor(c), c.name());
    }
  }
}
