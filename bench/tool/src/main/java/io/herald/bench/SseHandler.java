package io.herald.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * One SSE client: sends the GET, becomes ready on the {@code subscribed} event, then scans each
 * complete event (up to a blank line) for benchmark messages.
 *
 * <p>Runs on the fleet's event loop.
 */
final class SseHandler extends SimpleChannelInboundHandler<HttpObject> {
  private final Fleet fleet;
  private final Fleet.Conn conn;
  private ByteBuf pending;

  SseHandler(Fleet fleet, Fleet.Conn conn) {
    this.fleet = fleet;
    this.conn = conn;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    conn.channel = ctx.channel();
    pending = ctx.alloc().buffer(4096);
    FullHttpRequest get =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, fleet.target.path());
    get.headers()
        .set(HttpHeaderNames.HOST, Fleet.HOST + ":" + fleet.target.port())
        .set(HttpHeaderNames.ACCEPT, "text/event-stream");
    ctx.writeAndFlush(get);
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    if (msg instanceof HttpResponse r && !r.status().equals(HttpResponseStatus.OK)) {
      fleet.httpErrors++;
      ctx.close();
      return;
    }
    if (!(msg instanceof HttpContent c)) {
      return;
    }
    pending.writeBytes(c.content());
    int end = lastEventEnd();
    if (end < 0) {
      return;
    }
    int from = pending.readerIndex();
    if (!conn.ready) {
      String head = pending.toString(from, end - from, StandardCharsets.UTF_8);
      int at = head.indexOf("subscribed");
      if (at >= 0) {
        fleet.ready(conn);
        from += head.indexOf("\n\n", at) + 2;
      }
    }
    if (conn.ready && from < end) {
      Scan.messages(pending, from, end, fleet.tally, conn.track);
    }
    pending.readerIndex(end);
    pending.discardSomeReadBytes();
  }

  /** Index just after the last complete event ("\n\n"), or -1. */
  private int lastEventEnd() {
    for (int i = pending.writerIndex() - 2; i >= pending.readerIndex(); i--) {
      if (pending.getByte(i) == '\n' && pending.getByte(i + 1) == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (pending != null) {
      pending.release();
      pending = null;
    }
    fleet.lost(conn);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
