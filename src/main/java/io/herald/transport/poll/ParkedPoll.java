package io.herald.transport.poll;

import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.Subscription;
import io.herald.ops.Connection;
import io.herald.ops.DisconnectReason;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.AsyncResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private volatile AsyncContext servletAsync;

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

  /** The servlet request's async context, used to answer when JAX-RS is already shut down. */
  void servletFallback(AsyncContext servletAsync) {
    this.servletAsync = servletAsync;
  }

  /**
   * Server stopping: answer now with no messages and the final cursor, so the client resumes at
   * once. On undeploy Payara shuts JAX-RS down before the servlet context stops, so resuming the
   * {@link AsyncResponse} fails then; the answer is written through the servlet container instead.
   */
  @Override
  public void closing() {
    String body = PollBody.of(List.of(), hub.position(), List.of());
    if (!release()) {
      return;
    }
    try {
      response.resume(PollResource.ok(body));
    } catch (RuntimeException jaxRsGone) {
      AsyncContext async = servletAsync;
      if (async == null) {
        throw jaxRsGone;
      }
      writeDirectly(async, body);
    }
  }

  private static void writeDirectly(AsyncContext async, String body) {
    try {
      HttpServletResponse r = (HttpServletResponse) async.getResponse();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      r.setStatus(HttpServletResponse.SC_OK);
      r.setContentType("application/json");
      r.setHeader("Cache-Control", "no-store");
      r.setContentLength(bytes.length);
      r.getOutputStream().write(bytes);
      async.complete();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("poll goodbye not written", e);
    }
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
