package io.herald.transport.poll;

import io.herald.hub.Cursor;
import io.herald.hub.Hub;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.Message;
import io.herald.hub.Outbound;
import io.herald.hub.Page;
import io.herald.hub.ReadResult;
import io.herald.ops.DisconnectReason;
import io.herald.transport.ClientSession;
import io.herald.transport.Heartbeats;
import io.herald.transport.Transport;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ConnectionCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Transport adapter for one parked long poll: the first batch delivered answers the request and
 * ends the session; the client's next poll resumes from the batch's last id. With nothing to
 * answer, the poll is answered with no messages and the current cursor when it times out, an
 * operator closes it, or the server stops.
 *
 * <p>Thread-safe: answered at most once, whichever of delivery, timeout, close or error comes
 * first. A close that finds a delivery under way leaves the answer to that delivery.
 */
final class ParkedPoll implements Transport {
  private final AsyncResponse response;
  private final Function<String, ?> ok;
  private final Optional<AsyncContext> servletAsync;
  private final Hub hub;
  private final ClientSession session;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final Page page;

  /**
   * @param ok makes the response for an answer's JSON body ({@link PollResource#ok})
   * @param servletAsync the servlet request's async context, used to answer when JAX-RS is already
   *     shut down (see {@link #closing})
   * @param page how much one answer may hold, read or delivered
   */
  ParkedPoll(
      AsyncResponse response,
      Function<String, ?> ok,
      Optional<AsyncContext> servletAsync,
      Hub hub,
      ClientSession session,
      Page page) {
    this.page = page;
    this.response = response;
    this.ok = ok;
    this.servletAsync = servletAsync;
    this.hub = hub;
    this.session = session;
  }

  /**
   * Answers at once with a page if anything is there, else waits up to {@code seconds} (0: answers
   * now with none). Called once, on the request thread, after the session opened.
   *
   * <p>What reading throws (a bad cursor) frees the poll and is answered as the problem it is.
   */
  void start(List<String> topics, String since, int seconds) {
    // Payara never fires this, nor a servlet AsyncListener, for a dropped client (measured); there
    // the poll's own timeout (at most 60 s) frees it. Containers that do report disconnects free
    // it at once.
    response.register((ConnectionCallback) r -> abandon());
    response.setTimeoutHandler(
        r -> {
          if (!answerEmpty(DisconnectReason.TIMEOUT)) {
            // A delivery is under way and will answer; JAX-RS would send 503 otherwise.
            r.setTimeout(1, TimeUnit.SECONDS);
          }
        });
    response.setTimeout(Math.max(seconds, 1), TimeUnit.SECONDS);
    ReadResult ready;
    try {
      ready = hub.readOrWait(session.outbox(), topics, since, page);
    } catch (RuntimeException e) {
      if (answered.compareAndSet(false, true)) {
        session.end(DisconnectReason.ERROR);
        // Resumed, not thrown: once setTimeout has suspended the request, CXF (TomEE) drops an
        // exception thrown from the resource method and the request hung until the client gave
        // up (the timeout handler finds no wait to stop); a resumed exception is mapped everywhere.
        response.resume(e);
      }
      return;
    }
    if (ready != null) {
      answer(PollBody.of(ready), DisconnectReason.ANSWERED);
    } else if (seconds == 0) {
      answerEmpty(DisconnectReason.TIMEOUT);
    }
  }

  /**
   * Stops waiting and answers with no messages and the cursor, unless a delivery took the poll
   * over; returns whether the wait was stopped.
   */
  private boolean answerEmpty(DisconnectReason reason) {
    Cursor now = hub.stopWaiting(session.outbox());
    if (now == null) {
      return false;
    }
    answer(PollBody.of(List.of(), now, List.of(), false), reason);
    return true;
  }

  /** The client went away before an answer: nothing to send, just free the poll. */
  void abandon() {
    if (answered.compareAndSet(false, true)) {
      session.end(DisconnectReason.CLIENT_CLOSED);
      response.cancel();
    }
  }

  /**
   * Server stopping: answer now with no messages and the final cursor, so the client resumes at
   * once. On undeploy Payara shuts JAX-RS down before the servlet context stops, so resuming the
   * {@link AsyncResponse} fails then; the answer is written through the servlet container instead.
   */
  @Override
  public void closing() {
    String body = PollBody.of(List.of(), hub.position(), List.of(), false);
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    session.end(DisconnectReason.ANSWERED);
    try {
      response.resume(ok.apply(body));
    } catch (RuntimeException jaxRsGone) {
      if (servletAsync.isEmpty()) {
        throw jaxRsGone;
      }
      writeDirectly(servletAsync.get(), body);
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
      // A live batch is cut to the page like a read: what is left out is in history, after the
      // cursor the answer gives.
      List<Message> kept = page.cut(messages);
      answer(
          PollBody.of(
              kept, kept.get(kept.size() - 1).id(), List.of(), kept.size() < messages.size()),
          DisconnectReason.ANSWERED);
    }
    done.run();
  }

  /** A long poll comes and goes with every answer: not counted in presence, never announced. */
  @Override
  public boolean announcesPresence() {
    return false;
  }

  @Override
  public void overflowed() {
    // Only a hub reset drops a parked poll (it holds at most one batch): answer 503 so the client
    // polls again from its cursor instead of waiting for a timeout that finds nothing to answer.
    if (answered.compareAndSet(false, true)) {
      session.end(DisconnectReason.OVERFLOW);
      response.resume(new HubUnavailableException("the message feed restarted; poll again"));
    }
  }

  /** Nothing to do: the wait is cut to end before the token (Expiry.capSeconds). */
  @Override
  public void expired() {}

  @Override
  public Optional<Heartbeats.Beat> heartbeat() {
    // A parked poll writes nothing until it answers, and times out by itself.
    return Optional.empty();
  }

  /**
   * Ended by someone else than the poll (an operator, the hub stopping): answered with no messages
   * and the cursor, unless a delivery is under way, which answers instead.
   */
  @Override
  public void close(DisconnectReason reason) {
    if (answered.get()) {
      return;
    }
    Cursor now = hub.stopWaiting(session.outbox());
    if (now != null && answered.compareAndSet(false, true)) {
      response.resume(ok.apply(PollBody.of(List.of(), now, List.of(), false)));
    }
  }

  private void answer(String body, DisconnectReason reason) {
    if (answered.compareAndSet(false, true)) {
      session.end(reason);
      response.resume(ok.apply(body));
    }
  }
}
