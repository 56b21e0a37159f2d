package io.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

/** A Herald WebSocket client's resume point: the last message's id, else the subscribed cursor. */
class WsHandlerTest {
  private static final String SUBSCRIBED =
      "{\"type\":\"subscribed\",\"topics\":[\"bench\"],\"cursor\":\"e1-7\"}";

  @Test
  void aResumingClientThatGotNothingYetKeepsTheSubscribedCursor() throws Exception {
    try (Fleet fleet = fleet(true)) {
      Fleet.Conn conn = new Fleet.Conn(new Tally.Track());
      EmbeddedChannel ch = new EmbeddedChannel(new WsHandler(fleet, conn));

      ch.writeInbound(new TextWebSocketFrame(SUBSCRIBED));

      assertTrue(conn.ready);
      assertEquals("e1-7", conn.cursor);
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void aMessageIdAlreadyHeldIsNotReplacedByALaterSubscribedCursor() throws Exception {
    try (Fleet fleet = fleet(true)) {
      Fleet.Conn conn = new Fleet.Conn(new Tally.Track());
      conn.cursor = "e1-5";
      EmbeddedChannel ch = new EmbeddedChannel(new WsHandler(fleet, conn));

      ch.writeInbound(new TextWebSocketFrame(SUBSCRIBED));

      assertTrue(conn.ready);
      assertEquals("e1-5", conn.cursor);
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void aClientThatDoesNotResumeKeepsNoCursor() throws Exception {
    try (Fleet fleet = fleet(false)) {
      Fleet.Conn conn = new Fleet.Conn(new Tally.Track());
      EmbeddedChannel ch = new EmbeddedChannel(new WsHandler(fleet, conn));

      ch.writeInbound(new TextWebSocketFrame(SUBSCRIBED));

      assertTrue(conn.ready);
      assertNull(conn.cursor);
      ch.finishAndReleaseAll();
    }
  }

  private static Fleet fleet(boolean resume) {
    Fleet fleet =
        new Fleet(
            new Target("t", "t", Kind.HERALD_WS, 1, "/api/ws", "/api/messages", true),
            new Tally(System.nanoTime()),
            1000);
    fleet.resume = resume;
    return fleet;
  }
}
