package io.herald.testclient;

import java.time.Duration;
import java.util.List;

/**
 * A subscription by polling: a long poll ({@code GET /api/poll}) issued again as soon as it
 * answers, or a short poll ({@code GET /api/messages}) every interval, each from the cursor of the
 * previous answer. Its starting cursor is fixed before the constructor returns (the given {@code
 * since}, else the server's current cursor), so nothing published afterwards is missed. Thread-safe
 * as {@link Subscription}. Made by {@link HeraldClient#longPolling} and {@link
 * HeraldClient#shortPolling}.
 */
public final class PollSubscription extends Subscription {
  private final HeraldClient client;
  private final List<String> topics;
  private final Duration longPollTimeout;
  private final Duration interval;
  private final Thread poller;
  private volatile boolean closed;

  /**
   * @param longPollTimeout the long poll's {@code timeout}, or null for short polls
   * @param interval pause between short polls
   */
  PollSubscription(
      HeraldClient client,
      String since,
      List<String> topics,
      Duration longPollTimeout,
      Duration interval) {
    super(longPollTimeout == null ? "poll" : "long-poll");
    this.client = client;
    this.topics = List.copyOf(topics);
    this.longPollTimeout = longPollTimeout;
    this.interval = interval;
    if (since == null) {
      advance(client.messages(null, topics).cursor());
    } else {
      take(client.messages(since, topics));
    }
    poller = new Thread(this::run, "herald-" + transport() + "-subscription");
    poller.setDaemon(true);
    poller.start();
  }

  private void run() {
    while (!closed) {
      try {
        Page page =
            longPollTimeout == null
                ? client.messages(cursor(), topics)
                : client.longPoll(cursor(), longPollTimeout, topics);
        take(page);
        if (longPollTimeout == null && !page.more()) {
          Thread.sleep(interval.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          fail("poll failed: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void take(Page page) {
    page.messages().forEach(this::record);
    advance(page.cursor());
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
  }
}
