package io.herald.transport;

import io.herald.config.Settings;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.InMemoryHistory;
import io.herald.hub.Outbox;
import io.herald.hub.Subscriber;
import io.herald.ops.DisconnectReason;
import io.herald.ops.TransportKind;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@link ClientSession.Services} for unit tests: an in-memory hub that delivers on the publishing
 * thread, and a log of every effect in order ({@code "admit"}, {@code "attach"}, ...). Each step
 * can be made to fail.
 *
 * <p>Thread-safe log; used by the session and transport adapter tests.
 */
public final class FakeServices implements ClientSession.Services {
  /** The hub sessions attach to; delivers synchronously. */
  public final Hub hub =
      new Hub(
          new InMemoryHistory(100, Duration.ofHours(1)),
          Settings.defaults().hub(),
          Runnable::run,
          Clock.systemUTC(),
          null);

  private final List<String> effects = new ArrayList<>();

  /** Thrown by {@link #admit} when set. */
  public volatile RuntimeException refuse;

  /** Makes {@link #attach} throw as a stopped hub does. */
  public volatile boolean hubDown;

  /** Run by {@link #register} before it returns (e.g. an operator's close racing the opening). */
  public volatile Runnable duringRegister = () -> {};

  /** The registry's closer for the last registered connection. */
  public volatile Consumer<DisconnectReason> closer;

  /** The last registered heartbeat. */
  public volatile Heartbeats.Beat beat;

  /** The last expiry action scheduled, and its timer. */
  public volatile Runnable expiryAction;

  public volatile CompletableFuture<Void> expiryTimer;

  /** The effects so far, in order. */
  public List<String> effects() {
    synchronized (effects) {
      return List.copyOf(effects);
    }
  }

  /** Records an effect (also for fakes of the transport side). */
  public void record(String effect) {
    synchronized (effects) {
      effects.add(effect);
    }
  }

  @Override
  public Runnable admit(TransportKind kind, String address) {
    record("admit " + kind.label() + " " + address);
    if (refuse != null) {
      throw refuse;
    }
    return () -> record("release");
  }

  @Override
  public Outbox attach(Subscriber subscriber) {
    record("attach");
    if (hubDown) {
      throw new HubUnavailableException("hub stopped");
    }
    return hub.attach(subscriber);
  }

  @Override
  public void detach(Outbox outbox) {
    record("detach");
    hub.detach(outbox);
  }

  @Override
  public Runnable beat(Heartbeats.Beat beat) {
    record("beat");
    this.beat = beat;
    return () -> record("stop beat");
  }

  @Override
  public ClientSession.Report register(
      TransportKind kind, String address, Principal caller, Consumer<DisconnectReason> closer) {
    record("register " + kind.label() + " " + (caller == null ? "-" : caller.getName()));
    this.closer = closer;
    duringRegister.run();
    return (reason, detail) ->
        record("report " + reason.label() + (detail == null ? "" : " " + detail));
  }

  @Override
  public Future<?> onExpiry(Principal caller, Runnable action) {
    record("expiry " + (caller == null ? "-" : caller.getName()));
    expiryAction = action;
    CompletableFuture<Void> timer =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean interrupt) {
            record("cancel expiry");
            return super.cancel(interrupt);
          }
        };
    expiryTimer = timer;
    return timer;
  }
}
