package io.herald.transport;

import io.herald.hub.Outbox;
import io.herald.hub.Subscriber;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import java.security.Principal;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One client connection on the server, whatever its transport: the one lifecycle every transport
 * goes through. {@link Sessions#open} opens it and {@link #end} is the one way it ends.
 *
 * <p>Status goes {@link Status#OPENING} → {@link Status#OPEN} → {@link Status#CLOSED}, never back.
 * Opening takes, in this order: a limits permit, a place in the hub ({@link #outbox()}), a
 * heartbeat, an entry in the connection registry, and the timer for the caller's token expiry. If a
 * step fails (a limit refuses, the hub is stopped) what was taken is given back and the failure is
 * thrown to the endpoint, which answers the client its own way; the transport is not closed.
 *
 * <p>{@link #end} tears down in this order, once, whichever thread calls first and with the first
 * reason given:
 *
 * <ol>
 *   <li>status becomes {@link Status#CLOSED};
 *   <li>the expiry timer is cancelled;
 *   <li>the heartbeat stops;
 *   <li>the transport is closed ({@link Transport#close}), while still attached, so a parked poll
 *       can still take its final cursor from the hub;
 *   <li>the connection is detached from the hub;
 *   <li>the permit is released;
 *   <li>the end is reported to the connection registry (log line, metrics), with the reason.
 * </ol>
 *
 * <p>Thread-safe. Every step is idempotent, so an end that races the last steps of opening (an
 * operator closing a connection being opened) still releases everything: opening finishes by
 * tearing down again what it took after the end.
 */
public final class ClientSession {
  /** Where a session is in its life. */
  public enum Status {
    /** Taking its permit, hub place, heartbeat, registry entry and timer. */
    OPENING,
    /** Delivering. */
    OPEN,
    /** Ended; nothing held. */
    CLOSED
  }

  /** Reports a connection's end to the registry; later calls are ignored. */
  @FunctionalInterface
  public interface Report {
    void closed(DisconnectReason reason, String detail);
  }

  /**
   * What a session takes from the rest of the server. {@link Sessions} supplies Herald's; tests
   * supply fakes that record the order of effects.
   */
  public interface Services {
    /**
     * Admits one more connection of {@code kind} from {@code address}.
     *
     * @return releases the slots (idempotent)
     * @throws io.herald.limits.LimitExceededException if a limit refuses it
     */
    Runnable admit(TransportKind kind, String address);

    /**
     * @throws io.herald.hub.HubUnavailableException if the hub is stopped
     */
    Outbox attach(Subscriber subscriber);

    /** Idempotent. */
    void detach(Outbox outbox);

    /** Starts beating {@code beat}; returns the (idempotent) stop. */
    Runnable beat(Heartbeats.Beat beat);

    /** Registers the connection; {@code closer} ends it on an operator's or the server's demand. */
    Report register(
        TransportKind kind, String address, Principal caller, Consumer<DisconnectReason> closer);

    /** Runs {@code action} when the caller's token expires; {@code null} if it never does. */
    Future<?> onExpiry(Principal caller, Runnable action);
  }

  private final Services services;
  private final TransportKind kind;
  private final String address;
  private final Principal caller;
  private final String identity;
  private final Transport transport;
  private final AtomicReference<Status> status = new AtomicReference<>(Status.OPENING);
  private final AtomicReference<DisconnectReason> reason = new AtomicReference<>();
  private final AtomicBoolean transportClosed = new AtomicBoolean();
  private volatile String detail;
  private volatile Runnable release = () -> {};
  private volatile Outbox outbox;
  private volatile Runnable stopBeat = () -> {};
  private volatile Report report = (r, d) -> {};
  private volatile Future<?> expiryTimer;

  private ClientSession(
      Services services,
      TransportKind kind,
      String address,
      Principal caller,
      Function<ClientSession, ? extends Transport> adapter) {
    this.services = services;
    this.kind = kind;
    this.address = address;
    this.caller = caller;
    this.identity = io.herald.security.Caller.of(caller).subject();
    this.transport = adapter.apply(this);
  }

  /**
   * Builds the adapter for a new session and opens it with {@code services} (see the class comment
   * for the steps). Endpoints call {@link Sessions#open}, which passes Herald's services.
   *
   * @param adapter builds the transport adapter, given the session it belongs to
   * @return the adapter, its session open
   * @throws RuntimeException what a failed step threw, after giving back what was taken
   */
  public static <T extends Transport> T open(
      Services services,
      TransportKind kind,
      String address,
      Principal caller,
      Function<ClientSession, T> adapter) {
    ClientSession session = new ClientSession(services, kind, address, caller, adapter);
    @SuppressWarnings("unchecked")
    T transport = (T) session.transport;
    session.open();
    return transport;
  }

  private void open() {
    try {
      release = services.admit(kind, address);
      outbox = services.attach(transport);
      transport.heartbeat().ifPresent(b -> stopBeat = services.beat(b));
      report = services.register(kind, address, caller, this::end);
      expiryTimer = services.onExpiry(caller, transport::expired);
    } catch (RuntimeException e) {
      // The endpoint answers the refusal itself (a problem, a close code), so the transport stays.
      transportClosed.set(true);
      end(DisconnectReason.UNAVAILABLE);
      throw e;
    }
    if (!status.compareAndSet(Status.OPENING, Status.OPEN)) {
      // Ended while opening: give back what was taken after that end ran.
      tearDown();
    }
  }

  /** The transport it was opened for. */
  public TransportKind kind() {
    return kind;
  }

  /** The client address it counts against and is logged with. */
  public String address() {
    return address;
  }

  /** The principal it was opened for, {@code null} if anonymous. */
  public Principal caller() {
    return caller;
  }

  /**
   * The caller's subject for presence ({@link io.herald.hub.Presence}), {@code null} if anonymous.
   */
  public String identity() {
    return identity;
  }

  public Status status() {
    return status.get();
  }

  /** Why it ended, or {@code null} while it has not. */
  public DisconnectReason reason() {
    return reason.get();
  }

  /** Its place in the hub; set once opening has attached it. */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Replaces the expiry timer with one for {@code renewed}'s token (a WebSocket's in-band refresh);
   * does nothing once ended.
   */
  public void expiresFor(Principal renewed) {
    Future<?> previous = expiryTimer;
    if (previous != null) {
      previous.cancel(false);
    }
    expiryTimer = services.onExpiry(renewed, transport::expired);
    if (status.get() == Status.CLOSED) {
      cancelExpiry();
    }
  }

  /** Ends the session for {@code why}; see {@link #end(DisconnectReason, String)}. */
  public boolean end(DisconnectReason why) {
    return end(why, null);
  }

  /**
   * Ends the session: the teardown in the class comment, once. Safe from any thread, any number of
   * times; the first reason wins.
   *
   * @param detail free text for the log (a close code, an exception), or {@code null}
   * @return true if this call ended it
   */
  public boolean end(DisconnectReason why, String detail) {
    if (!reason.compareAndSet(null, why)) {
      return false;
    }
    this.detail = detail;
    status.set(Status.CLOSED);
    tearDown();
    return true;
  }

  private void tearDown() {
    cancelExpiry();
    stopBeat.run();
    if (transportClosed.compareAndSet(false, true)) {
      transport.close(reason.get());
    }
    Outbox s = outbox;
    if (s != null) {
      services.detach(s);
    }
    release.run();
    report.closed(reason.get(), detail);
  }

  private void cancelExpiry() {
    Future<?> timer = expiryTimer;
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
