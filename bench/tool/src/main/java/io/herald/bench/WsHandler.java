package io.herald.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket client: Herald's subscribe/subscribed, socket.io's Engine.IO handshake and pings,
 * or the plain endpoint's subscribed frame then a stream of text frames; every text frame (and
 * every binary frame: Herald's herald.v1 binary messages, header and raw data) is scanned for
 * benchmark messages.
 *
 * <p>Runs on the fleet's event loop.
 */
final class WsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"topics\":[\"bench\"]}";

  private final Fleet fleet;
  private final Fleet.Conn conn;

  WsHandler(Fleet fleet, Fleet.Conn conn) {
    this.fleet = fleet;
    this.conn = conn;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    conn.channel = ctx.channel();
    conn.handshaken = false;
    super.channelActive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      conn.handshaken = true;
      switch (fleet.target.kind()) {
        case HERALD_WS -> ctx.writeAndFlush(new TextWebSocketFrame(subscribe()));
        case PLAIN_WS -> {
          // counted from the endpoint's "subscribed" frame, sent once the session is registered
        }
        default -> {
          // socket.io waits for the Engine.IO open packet
        }
      }
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame close) {
      // What Netty's protocol handler does with a close frame, once its code is counted.
      fleet.closedBy("close " + close.statusCode());
      ctx.close();
      return;
    }
    if (!(frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)) {
      return;
    }
    ByteBuf b = frame.content();
    int from = b.readerIndex();
    int to = b.writerIndex();
    switch (fleet.target.kind()) {
      case HERALD_WS -> {
        if (!conn.ready) {
          String text = b.toString(StandardCharsets.UTF_8);
          if (text.contains("\"subscribed\"")) {
            if (fleet.resume && conn.cursor == null) {
              // Nothing came yet: the protocol's resume point is the subscribed frame's cursor.
              conn.cursor = cursor(text);
            }
            fleet.ready(conn);
          }
          return;
        }
        if (Scan.messages(b, from, to, fleet.tally, conn.track) > 0 && fleet.resume) {
          conn.cursor = id(b.toString(StandardCharsets.UTF_8));
        }
      }
      case PLAIN_WS -> {
        if (!conn.ready) {
          if (b.toString(StandardCharsets.UTF_8).contains("\"subscribed\"")) {
            fleet.ready(conn);
          }
          return;
        }
        Scan.messages(b, from, to, fleet.tally, conn.track);
      }
      case SOCKETIO -> socketIo(ctx, b, from, to);
      default -> Scan.messages(b, from, to, fleet.tally, conn.track);
    }
  }

  private String subscribe() {
    if (conn.cursor == null) {
      return SUBSCRIBE;
    }
    return "{\"type\":\"subscribe\",\"topics\":[\"bench\"],\"since\":\"" + conn.cursor + "\"}";
  }

  private static String cursor(String frame) {
    int at = frame.indexOf("\"cursor\":\"") + 10;
    return at < 10 ? null : frame.substring(at, frame.indexOf('"', at));
  }

  private static String id(String frame) {
    int at = frame.indexOf("\"id\":\"") + 6;
    return frame.substring(at, frame.indexOf('"', at));
  }

  private void socketIo(ChannelHandlerContext ctx, ByteBuf b, int from, int to) {
    byte type = b.getByte(from);
    if (type == '4' && to - from > 1 && b.getByte(from + 1) == '2') {
      Scan.messages(b, from, to, fleet.tally, conn.track);
    } else if (type == '0') {
      ctx.writeAndFlush(new TextWebSocketFrame("40"));
    } else if (type == '4' && to - from > 1 && b.getByte(from + 1) == '0') {
      fleet.ready(conn);
    } else if (type == '2') {
      ctx.writeAndFlush(new TextWebSocketFrame("3"));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (conn.channel == ctx.channel()) {
      fleet.lost(conn);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fleet.closedBy(cause.getClass().getSimpleName());
    ctx.close();
  }
}
