package io.herald.ops;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Writes {@link Connections}' log lines on a thread of its own. Payara's console handler writes
 * each record synchronously under one lock; with a line per connection opened and closed, request
 * threads setting up WebSocket connections queued on that lock (about 40 s blocked in total while
 * 1,000 connections were set up in a profiled benchmark run, docs/benchmarks.md). Each record is
 * made on the caller's thread, so its time, thread and source are the caller's; only the writing
 * moves. The queue is bounded: when it is full the caller writes the record itself, so nothing is
 * lost and memory stays bounded.
 *
 * <p>Thread-safe. Owned by {@link Connections}, which closes it (writing what is queued) when the
 * application stops.
 */
final class LogWriter {
  private static final int CAPACITY = 10_000;

  private final Logger log;
  private final BlockingQueue<LogRecord> queue;
  private final Thread thread;
  private volatile boolean closed;

  private LogWriter(Logger log, boolean background) {
    this.log = log;
    if (background) {
      queue = new ArrayBlockingQueue<>(CAPACITY);
      thread = new Thread(this::run, "herald-connection-log");
      thread.setDaemon(true);
      thread.start();
    } else {
      queue = null;
      thread = null;
    }
  }

  /** Writes on a background thread. */
  static LogWriter background(Logger log) {
    return new LogWriter(log, true);
  }

  /** Writes on the caller's thread (unit tests). */
  static LogWriter inline(Logger log) {
    return new LogWriter(log, false);
  }

  /** Logs {@code message} at INFO as if {@code Connections.<method>} had logged it. */
  void info(String message, String method) {
    LogRecord r = new LogRecord(Level.INFO, message);
    r.setLoggerName(log.getName());
    r.setSourceClassName(Connections.class.getName());
    r.setSourceMethodName(method);
    if (queue == null || closed || !queue.offer(r)) {
      log.log(r);
    }
  }

  /** Stops the thread after writing what is queued. */
  void close() {
    if (thread == null) {
      return;
    }
    closed = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain();
  }

  private void run() {
    try {
      while (!closed) {
        log.log(queue.take());
      }
    } catch (InterruptedException e) {
      // closing: what is left is written below
    }
    drain();
  }

  private void drain() {
    for (LogRecord r = queue.poll(); r != null; r = queue.poll()) {
      log.log(r);
    }
  }
}
