package io.herald.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One poll client on a keep-alive connection: first reads the current cursor from {@code
 * /api/messages}, then long-polls {@code /api/poll} (again at once after each answer) or
 * short-polls {@code /api/messages} once per interval (at once while the answer says {@code more}),
 * always from the last cursor, so nothing is skipped. When the server closes the connection the
 * next poll opens a new one.
 *
 * <p>Runs on the fleet's event loop.
 */
final class PollHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
  private final Fleet fleet;
  private final Fleet.Conn conn;

  PollHandler(Fleet fleet, Fleet.Conn conn) {
    this.fleet = fleet;
    this.conn = conn;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    conn.channel = ctx.channel();
    send(ctx.channel());
    super.channelActive(ctx);
  }

  private void send(Channel ch) {
    String uri;
    if (conn.cursor == null) {
      uri = "/api/messages?topic=bench";
    } else if (fleet.target.kind() == Kind.LONG_POLL) {
      uri = "/api/poll?topic=bench&timeout=25&limit=1000&since=" + conn.cursor;
    } else {
      uri = "/api/messages?topic=bench&limit=1000&since=" + conn.cursor;
    }
    FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    get.headers().set(HttpHeaderNames.HOST, Fleet.HOST + ":" + fleet.target.port());
    fleet.requests++;
    conn.inFlight = true;
    ch.writeAndFlush(get);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
    if (!r.status().equals(HttpResponseStatus.OK)) {
      fleet.httpErrors++;
      ctx.close();
      return;
    }
    conn.inFlight = false;
    ByteBuf body = r.content();
    String text = body.toString(StandardCharsets.UTF_8);
    int at = text.lastIndexOf("\"cursor\":\"");
    if (at < 0) {
      fleet.httpErrors++;
      ctx.close();
      return;
    }
    int start = at + 10;
    String cursor = text.substring(start, text.indexOf('"', start));
    boolean first = conn.cursor == null;
    if (!first) {
      Scan.messages(body, body.readerIndex(), body.readerIndex() + at, fleet.tally, conn.track);
    }
    conn.cursor = cursor;
    boolean keepAlive = HttpUtil.isKeepAlive(r);
    if (!keepAlive) {
      Channel ch = ctx.channel();
      conn.channel = null;
      ch.close();
    }
    if (first) {
      fleet.ready(conn);
    }
    // A page cut by the server's limit or byte cap ("more") is followed at once, as a client would.
    if (fleet.target.kind() == Kind.LONG_POLL || text.endsWith("\"more\":true}")) {
      next();
    } else {
      long delay =
          first
              ? ThreadLocalRandom.current().nextLong(fleet.shortPollMillis)
              : fleet.shortPollMillis;
      ctx.executor().schedule(this::next, delay, TimeUnit.MILLISECONDS);
    }
  }

  private void next() {
    if (fleet.closing) {
      return;
    }
    Channel ch = conn.channel;
    if (ch != null && ch.isActive()) {
      send(ch);
    } else {
      conn.channel = null;
      fleet.connect(conn);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (conn.channel == ctx.channel()) {
      // Closed by the server between polls: the next poll reconnects; mid-poll, reconnect now.
      conn.channel = null;
      if (!conn.ready) {
        fleet.lost(conn);
      } else if (!fleet.closing && conn.inFlight) {
        fleet.connect(conn);
      }
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
