package io.herald.testclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A live subscription on one transport: it records every message it receives, in arrival order, and
 * offers the awaits a test needs ("exactly these N messages on topic T within D, in order, no
 * duplicates"; "nothing on T for D"). Failures are {@link AssertionError}s that list what did
 * arrive.
 *
 * <p>Thread-safe: the transport's thread records, the test's thread awaits. Made by {@link
 * HeraldClient}; close it (try-with-resources) to end the connection.
 */
public abstract class Subscription implements AutoCloseable {
  /** How long an exact await keeps listening after the last expected message for extra ones. */
  public static final Duration DEFAULT_QUIET = Duration.ofMillis(300);

  private final String transport;
  private final List<Message> received = new ArrayList<>();
  private String cursor;
  private String failure;

  /**
   * @param transport the transport's name, used in assertion messages
   */
  protected Subscription(String transport) {
    this.transport = transport;
  }

  /** Called by the transport for each message, in the order the server sent them. */
  protected final synchronized void record(Message m) {
    received.add(m);
    cursor = m.id();
    notifyAll();
  }

  /** Called by the transport when the server gives a cursor without a message. */
  protected final synchronized void advance(String newCursor) {
    if (newCursor != null) {
      cursor = newCursor;
    }
  }

  /** Called by the transport when the connection ended other than by {@link #close()}. */
  protected final synchronized void fail(String why) {
    if (failure == null) {
      failure = why;
    }
    notifyAll();
  }

  /** The transport's name: {@code websocket}, {@code sse}, {@code long-poll} or {@code poll}. */
  public String transport() {
    return transport;
  }

  /** Every message received so far, in arrival order. */
  public synchronized List<Message> received() {
    return List.copyOf(received);
  }

  /** The messages received so far on {@code topic}, in arrival order. */
  public synchronized List<Message> received(String topic) {
    return received.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /**
   * The last cursor seen (a message id, or the position the server gave at subscribe); resume from
   * it with a new subscription to get exactly what came after.
   */
  public synchronized String cursor() {
    return cursor;
  }

  /** Why the connection ended, if the server or the network ended it; else null. */
  public synchronized String failure() {
    return failure;
  }

  /**
   * Waits until exactly {@code n} messages arrived on {@code topic}, then listens {@link
   * #DEFAULT_QUIET} longer for extra ones.
   *
   * @return the n messages, in arrival order
   * @throws AssertionError if fewer arrive within {@code within}, more arrive, or an id repeats
   */
  public List<Message> awaitExactly(String topic, int n, Duration within) {
    return awaitExactly(topic, n, within, DEFAULT_QUIET);
  }

  /**
   * As {@link #awaitExactly(String, int, Duration)}, listening {@code quiet} for extra messages.
   */
  public List<Message> awaitExactly(String topic, int n, Duration within, Duration quiet) {
    Predicate<Message> onTopic = m -> m.topic().equals(topic);
    List<Message> got = awaitCount(onTopic, n, within, "on topic " + topic);
    sleep(quiet);
    List<Message> after = matching(onTopic);
    if (after.size() != n) {
      throw new AssertionError(
          transport
              + ": expected exactly "
              + n
              + " message(s) on topic "
              + topic
              + " but got "
              + after.size()
              + ": "
              + after);
    }
    Set<String> ids = new HashSet<>();
    for (Message m : got) {
      if (!ids.add(m.id())) {
        throw new AssertionError(
            transport + ": message " + m.id() + " delivered twice on topic " + topic + ": " + got);
      }
    }
    return got;
  }

  /**
   * Waits for exactly the messages with these ids on {@code topic}, in this order, and no other
   * (listening {@link #DEFAULT_QUIET} after the last).
   *
   * @throws AssertionError naming the ids that arrived, if they differ
   */
  public List<Message> awaitIds(String topic, List<String> ids, Duration within) {
    List<Message> got = awaitExactly(topic, ids.size(), within);
    List<String> gotIds = got.stream().map(Message::id).toList();
    if (!gotIds.equals(ids)) {
      throw new AssertionError(
          transport
              + ": expected ids "
              + ids
              + " in this order on topic "
              + topic
              + ", got "
              + gotIds);
    }
    return got;
  }

  /**
   * Listens for {@code during} and asserts that no message arrived on {@code topic} (counting those
   * already received).
   */
  public void assertNone(String topic, Duration during) {
    sleep(during);
    List<Message> got = matching(m -> m.topic().equals(topic));
    if (!got.isEmpty()) {
      throw new AssertionError(
          transport + ": expected no message on topic " + topic + " but got " + got);
    }
  }

  private List<Message> awaitCount(Predicate<Message> p, int n, Duration within, String what) {
    long end = System.nanoTime() + within.toNanos();
    synchronized (this) {
      while (true) {
        List<Message> got = received.stream().filter(p).toList();
        if (got.size() >= n) {
          return got.subList(0, n);
        }
        long left = end - System.nanoTime();
        if (left <= 0 || failure != null) {
          throw new AssertionError(
              transport
                  + ": expected "
                  + n
                  + " message(s) "
                  + what
                  + " within "
                  + within
                  + " but got "
                  + got.size()
                  + ": "
                  + got
                  + (failure == null ? "" : " (connection ended: " + failure + ")"));
        }
        try {
          wait(Math.max(1, left / 1_000_000), 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while awaiting messages", e);
        }
      }
    }
  }

  private synchronized List<Message> matching(Predicate<Message> p) {
    return received.stream().filter(p).toList();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Ends the connection; received messages stay readable. */
  @Override
  public abstract void close();
}
