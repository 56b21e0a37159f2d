package io.herald.ops;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One open client connection as operators see it: transport, address, identity, when it opened, and
 * a way to close it. Handed out by {@link Connections#open}; the transport reports the end with
 * {@link #closed}.
 *
 * <p>Thread-safe: {@link #closed} takes effect once, whichever thread calls it first; the first
 * {@link #mark}ed reason wins over the one given at close, so a close the server started is not
 * reported as the client's.
 */
public final class Connection {
  private final long id;
  private final TransportKind transport;
  private final String address;
  private final String identity;
  private final Instant opened;
  private final long openedNanos;
  private final Consumer<DisconnectReason> closer;
  private final Connections owner;
  private final AtomicReference<DisconnectReason> marked = new AtomicReference<>();
  private final AtomicBoolean ended = new AtomicBoolean();

  Connection(
      long id,
      TransportKind transport,
      String address,
      String identity,
      Consumer<DisconnectReason> closer,
      Connections owner) {
    this.id = id;
    this.transport = transport;
    this.address = address;
    this.identity = identity;
    this.opened = Instant.now();
    this.openedNanos = System.nanoTime();
    this.closer = closer;
    this.owner = owner;
  }

  public long id() {
    return id;
  }

  public TransportKind transport() {
    return transport;
  }

  public String address() {
    return address;
  }

  /** The principal's name, or {@code "-"} for an anonymous caller. */
  public String identity() {
    return identity;
  }

  public Instant opened() {
    return opened;
  }

  /** Milliseconds since it opened. */
  public long ageMillis() {
    return (System.nanoTime() - openedNanos) / 1_000_000;
  }

  /** Records why the server is about to end the connection; the first reason marked wins. */
  public void mark(DisconnectReason reason) {
    marked.compareAndSet(null, reason);
  }

  /**
   * Reports that the connection has ended; later calls do nothing.
   *
   * @param reason used unless a reason was {@link #mark}ed before
   * @param detail free text for the log (a close code, an exception message), or {@code null}
   */
  public void closed(DisconnectReason reason, String detail) {
    if (ended.compareAndSet(false, true)) {
      DisconnectReason m = marked.get();
      owner.ended(this, m != null ? m : reason, detail);
    }
  }

  /** Whether {@link #closed} has been reported. */
  public boolean isClosed() {
    return ended.get();
  }

  /** Asks the transport to close the connection for {@code reason}. */
  void close(DisconnectReason reason) {
    mark(reason);
    try {
      closer.accept(reason);
    } finally {
      // A transport that only notices a close on its next write still leaves the registry now.
      closed(reason, null);
    }
  }
}
