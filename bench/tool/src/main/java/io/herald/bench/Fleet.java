package io.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's connections to one target: opens them (a bounded number setting up at once),
 * counts bytes both ways, and feeds every received message to the {@link Tally}.
 *
 * <p>All connection state lives on one event loop thread; other threads go through {@link #onLoop}.
 */
final class Fleet implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  private static final int SETTING_UP_AT_ONCE = 200;

  final Target target;
  final Tally tally;
  final long shortPollMillis;
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  final EventLoop loop = group.next();
  private final Semaphore settingUp = new Semaphore(SETTING_UP_AT_ONCE);
  private final List<Conn> conns = new ArrayList<>();
  private final ChannelHandler counter = new Counter();
  private final Bootstrap bootstrap;
  volatile boolean closing;

  /** Herald WebSocket clients remember the last message id and resume from it on reconnect. */
  boolean resume;

  long bytesIn;
  long bytesOut;
  long requests;
  int ready;
  int dropped;
  int httpErrors;
  int setUpFailures;

  /**
   * Why connections ended, other than by this fleet: a close frame's code or an exception's class,
   * counted (WebSocket clients).
   */
  final Map<String, Integer> endings = new TreeMap<>();

  Fleet(Target target, Tally tally, long shortPollMillis) {
    this.target = target;
    this.tally = tally;
    this.shortPollMillis = shortPollMillis;
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
  }

  /**
   * Opens {@code n} more connections and waits until each is ready or has failed, for at most
   * {@code timeoutMillis}. A connection not ready by then is given up (closed) and counted with
   * those that failed, as {@link #setUpFailures}: the caller goes on with the ready ones (a run of
   * 10,000 once aborted on 2 that never became ready).
   */
  Opened open(int n, long timeoutMillis) throws Exception {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<Conn> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (!settingUp.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break; // set-up stalled: the ones never started count as failed
      }
      Conn c = new Conn(new Tally.Track());
      batch.add(c);
      loop.execute(
          () -> {
            conns.add(c);
            connect(c);
          });
    }
    while (System.nanoTime() < deadline
        && onLoop(() -> batch.stream().filter(c -> c.ready || c.failed).count()) < batch.size()) {
      Thread.sleep(20);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int readyNow =
        onLoop(
            () -> {
              int r = 0;
              for (Conn c : batch) {
                if (c.ready) {
                  r++;
                } else {
                  failed(c);
                  c.closeChannel();
                }
              }
              setUpFailures += n - r;
              return r;
            });
    return new Opened(n, readyNow, millis);
  }

  void connect(Conn c) {
    c.connects++;
    bootstrap
        .clone()
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                pipeline(ch.pipeline(), c);
              }
            })
        .connect(new InetSocketAddress(HOST, target.port()))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                if (c.reconnecting && !closing) {
                  loop.schedule(() -> connect(c), 100, TimeUnit.MILLISECONDS);
                } else {
                  failed(c);
                }
              }
            });
  }

  private void pipeline(ChannelPipeline p, Conn c) {
    p.addLast(counter, new HttpClientCodec());
    switch (target.kind()) {
      case HERALD_WS, PLAIN_WS, SOCKETIO -> {
        p.addLast(new HttpObjectAggregator(65536));
        if (target.encoding() == Encoding.DEFLATE) {
          p.addLast(WebSocketClientCompressionHandler.INSTANCE);
        }
        p.addLast(
            new WebSocketClientProtocolHandler(
                WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(URI.create("ws://" + HOST + ":" + target.port() + target.path()))
                    .version(WebSocketVersion.V13)
                    .subprotocol(target.encoding() == Encoding.BINARY ? "herald.v1" : null)
                    .allowExtensions(target.encoding() == Encoding.DEFLATE)
                    .maxFramePayloadLength(1 << 20)
                    .handshakeTimeoutMillis(60_000)
                    .handleCloseFrames(false)
                    .build()));
        p.addLast(new WebSocketFrameAggregator(1 << 20), new WsHandler(this, c));
      }
      case SSE -> p.addLast(new SseHandler(this, c));
      case LONG_POLL, SHORT_POLL -> {
        p.addLast(new HttpObjectAggregator(16 << 20));
        p.addLast(new PollHandler(this, c));
      }
    }
  }

  /** A connection became ready to receive (called on the loop); not one already given up. */
  void ready(Conn c) {
    if (!c.ready && !c.failed) {
      c.ready = true;
      ready++;
      if (c.reconnecting) {
        c.reconnecting = false;
      } else {
        settingUp.release();
      }
    }
  }

  /** Counts why a connection is ending (called on the loop). */
  void closedBy(String why) {
    endings.merge(why, 1, Integer::sum);
  }

  /** A connection could not be set up (called on the loop). */
  void failed(Conn c) {
    if (!c.ready && !c.failed) {
      c.failed = true;
      settingUp.release();
    }
  }

  /** A connection closed that should not have (called on the loop). */
  void lost(Conn c) {
    if (closing) {
      return;
    }
    if (c.reconnecting) {
      loop.schedule(() -> connect(c), 100, TimeUnit.MILLISECONDS);
      return;
    }
    if (c.ready) {
      dropped++;
      c.drops++;
      if (resume) {
        // What a Herald client does when the server closes it (slow consumer, heartbeat): it
        // reconnects and resumes from its cursor.
        c.ready = false;
        ready--;
        c.reconnecting = true;
        c.channel = null;
        loop.schedule(() -> connect(c), 100, TimeUnit.MILLISECONDS);
      }
    } else {
      failed(c);
    }
  }

  /** Cuts every ready connection at once; each reconnects straight away (called on the loop). */
  Void cutAll() {
    for (Conn c : conns) {
      if (c.ready && c.channel != null) {
        c.ready = false;
        ready--;
        c.reconnecting = true;
        c.cursorAtCut = c.cursor;
        Channel ch = c.channel;
        c.channel = null;
        ch.close().addListener(f -> connect(c));
      }
    }
    return null;
  }

  /** Every connection opened so far (called on the loop). */
  List<Conn> conns() {
    return conns;
  }

  <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    closing = true;
    try {
      onLoop(
          () -> {
            conns.forEach(c -> c.closeChannel());
            return null;
          });
    } catch (Exception e) {
      // shutting down anyway
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * What one {@link #open} achieved.
   *
   * @param wanted connections asked for
   * @param ready those ready in time
   * @param millis time until all had set up or failed, or the timeout
   */
  record Opened(int wanted, int ready, long millis) {
    /** Connections that failed to set up or were not ready in time. */
    int failed() {
      return wanted - ready;
    }
  }

  /** One client: its received set survives reconnects (poll clients reconnect when asked to). */
  static final class Conn {
    final Tally.Track track;
    Channel channel;
    boolean ready;
    boolean failed;
    String cursor;
    boolean inFlight;
    boolean reconnecting;
    boolean handshaken;
    int connects;
    int drops;
    String cursorAtCut;

    Conn(Tally.Track track) {
      this.track = track;
    }

    void closeChannel() {
      if (channel != null) {
        channel.close();
      }
    }
  }

  /** Counts application bytes (HTTP and WebSocket framing included, TCP/IP headers not). */
  @ChannelHandler.Sharable
  private final class Counter extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      bytesIn += size(msg);
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      bytesOut += size(msg);
      ctx.write(msg, promise);
    }

    private long size(Object msg) {
      if (msg instanceof ByteBuf b) {
        return b.readableBytes();
      }
      if (msg instanceof ByteBufHolder h) {
        return h.content().readableBytes();
      }
      return 0;
    }
  }
}
