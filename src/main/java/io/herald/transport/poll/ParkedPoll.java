package io.herald.transport.poll;

import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.Subscription;
import io.herald.ops.Connection;
import io.herald.ops.DisconnectReason;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Subscriber adapter for one parked long poll: the first batch delivered answers the request and
 * ends the subscription; the client's next poll resumes from the batch's last id.
 *
 * <p>Thread-safe: answered at most once, whichever of delivery, timeout or error comes first.
 */
final class ParkedPoll implements io.herald.hub.Subscriber {
  private final AsyncResponse response;
  private final Hub hub;
  private final AtomicBoolean answered = new AtomicBoolean();
  private volatile Subscription subscription;
  private volatile Runnable onDone = () -> {};
  private volatile Connection connection;

  ParkedPoll(AsyncResponse response, Hub hub) {
    this.response = response;
    this.hub = hub;
  }

  void bind(Subscription subscription) {
    this.subscription = subscription;
  }

  /** Reports this poll's end to the connection registry. */
  void track(Connection connection) {
    this.connection = connection;
  }

  /** Records why the poll is about to end, if not answered with messages. */
  void mark(DisconnectReason reason) {
    Connection c = connection;
    if (c != null) {
      c.mark(reason);
    }
  }

  /** Reports the end of the poll; answering reports it too. */
  void ended() {
    Connection c = connection;
    if (c != null) {
      c.closed(DisconnectReason.ANSWERED, null);
    }
  }

  /** Runs once the poll is answered or its client is gone: releases its limit slots. */
  void onDone(Runnable onDone) {
    this.onDone = onDone;
  }

  /** The client went away before an answer: nothing to send, just free the poll. */
  void abandon() {
    if (release()) {
      response.cancel();
    }
  }

  /** Frees the poll without answering (the caller answers with an error); true the first time. */
  boolean release() {
    if (answered.compareAndSet(false, true)) {
      hub.detach(subscription);
      onDone.run();
      ended();
      return true;
    }
    return false;
  }

  /** Server stopping: answer now with no messages and the final cursor, so the client resumes. */
  @Override
  public void closing() {
    answer(PollBody.of(List.of(), hub.position(), List.of()));
  }

  @Override
  public void deliver(List<Outbound> batch, Runnable done) {
    List<Message> messages = new ArrayList<>(batch.size());
    for (Outbound o : batch) {
      if (o instanceof Message m) {
        messages.add(m);
      }
    }
    if (!messages.isEmpty()) {
      answer(PollBody.of(messages, messages.get(messages.size() - 1).id(), List.of()));
    }
    done.run();
  }

  @Override
  public void overflowed() {
    // Only a hub reset drops a parked poll (it holds at most one batch): answer 503 so the client
    // polls again from its cursor instead of waiting for a timeout that finds nothing to answer.
    if (answered.compareAndSet(false, true)) {
      response.resume(new HubUnavailableException("the message feed restarted; poll again"));
    }
  }

  void answer(String body) {
    if (answered.compareAndSet(false, true)) {
      hub.detach(subscription);
      onDone.run();
      ended();
      response.resume(PollResource.ok(body));
    }
  }
}
