package io.herald.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry of open client connections: {@link #open} when a connection is accepted, {@link
 * Connection#closed} when it ends (the transports' connection sessions, {@code
 * io.herald.transport.ClientSession}, do both). Writes one structured log line for each (on a
 * background thread, {@link LogWriter}), keeps open counts per transport for metrics and the admin
 * page, and lets an operator close a connection.
 *
 * <p>Thread-safe; application-scoped. Called on request, WebSocket, delivery and timer threads.
 */
@ApplicationScoped
public class Connections {
  static final Logger LOG = Logger.getLogger("io.herald.connections");

  @Inject HeraldMetrics metrics;

  @Inject OpsSettings settings;

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Connection> open = new ConcurrentHashMap<>();
  private final Map<TransportKind, AtomicInteger> counts = new ConcurrentHashMap<>();

  private volatile LogWriter writer = LogWriter.inline(LOG);

  @PostConstruct
  void configure() {
    LogLine.configure(LOG, settings.connectionsLogLevel());
    writer = LogWriter.background(LOG);
  }

  @PreDestroy
  void stop() {
    writer.close();
  }

  /** Writes log lines on the caller's thread from now on (for unit tests). */
  void logInline() {
    LogWriter previous = writer;
    writer = LogWriter.inline(LOG);
    previous.close();
  }

  /**
   * Registers an accepted connection and logs it.
   *
   * @param transport the connection's transport
   * @param address the client's address, or {@code null} if unknown
   * @param caller authenticated principal or {@code null}
   * @param closer closes the connection from the server side for the reason given (an operator, the
   *     hub stopping); must not block long
   */
  public Connection open(
      TransportKind transport,
      String address,
      Principal caller,
      Consumer<DisconnectReason> closer) {
    Connection c =
        new Connection(
            ids.incrementAndGet(),
            transport,
            address == null ? "-" : address,
            caller == null ? "-" : caller.getName(),
            closer,
            this);
    open.put(c.id(), c);
    counts.computeIfAbsent(transport, t -> new AtomicInteger()).incrementAndGet();
    if (LOG.isLoggable(Level.INFO)) {
      writer.info(
          new LogLine("connection-open")
              .add("id", c.id())
              .add("transport", transport.label())
              .add("address", c.address())
              .add("identity", c.identity())
              .toString(),
          "open");
    }
    return c;
  }

  void ended(Connection c, DisconnectReason reason, String detail) {
    if (open.remove(c.id()) == null) {
      return;
    }
    counts.get(c.transport()).decrementAndGet();
    metrics.disconnected(c.transport(), reason);
    if (LOG.isLoggable(Level.INFO)) {
      writer.info(
          new LogLine("connection-close")
              .add("id", c.id())
              .add("transport", c.transport().label())
              .add("address", c.address())
              .add("identity", c.identity())
              .add("duration_ms", c.ageMillis())
              .add("reason", reason.label())
              .add("detail", detail)
              .toString(),
          "ended");
    }
  }

  /** Connections open now on {@code transport}. */
  public int count(TransportKind transport) {
    AtomicInteger n = counts.get(transport);
    return n == null ? 0 : n.get();
  }

  /** Up to {@code limit} open connections, newest first. */
  public List<Connection> list(int limit) {
    List<Connection> all = new ArrayList<>(open.values());
    all.sort(Comparator.comparingLong(Connection::id).reversed());
    return all.size() > limit ? all.subList(0, limit) : all;
  }

  /** The open connection with this id. */
  public Optional<Connection> find(long id) {
    return Optional.ofNullable(open.get(id));
  }

  /** Closes one connection on an operator's request; returns false if it is not open. */
  public boolean close(long id) {
    Connection c = open.get(id);
    if (c == null) {
      return false;
    }
    c.close(DisconnectReason.OPERATOR);
    return true;
  }

  /** Closes every open connection, e.g. when the hub is stopped. */
  public void closeAll(DisconnectReason reason) {
    for (Connection c : List.copyOf(open.values())) {
      c.close(reason);
    }
  }
}
