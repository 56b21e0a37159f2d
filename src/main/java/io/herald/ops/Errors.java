package io.herald.ops;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records errors reported to clients: one structured log line each (client errors at {@code INFO},
 * server errors at {@code WARNING}), a counter by kind, and the most recent ones for the admin
 * page.
 *
 * <p>Thread-safe; application-scoped. Called by {@link ProblemCounter} on request threads.
 */
@ApplicationScoped
public class Errors {
  static final Logger LOG = Logger.getLogger("io.herald.errors");
  static final int KEPT = 20;

  @Inject HeraldMetrics metrics;

  @Inject OpsSettings settings;

  private final ArrayDeque<Recent> recent = new ArrayDeque<>();

  /** One recorded error. */
  public record Recent(Instant time, int status, String kind, String where, String detail) {}

  @PostConstruct
  void configure() {
    LogLine.configure(LOG, settings.errorsLogLevel());
  }

  /**
   * @param status HTTP status sent
   * @param kind Herald's stable problem code, e.g. {@code bad-topic}
   * @param where the request path or transport
   * @param detail the human-readable detail sent to the client
   */
  public void record(int status, String kind, String where, String detail) {
    metrics.error(kind);
    synchronized (recent) {
      if (recent.size() == KEPT) {
        recent.removeFirst();
      }
      recent.addLast(new Recent(Instant.now(), status, kind, where, detail));
    }
    Level level = status >= 500 ? Level.WARNING : Level.INFO;
    if (LOG.isLoggable(level)) {
      LOG.log(
          level,
          new LogLine("error")
              .add("status", status)
              .add("kind", kind)
              .add("where", where)
              .add("detail", detail)
              .toString());
    }
  }

  /** The most recent errors, newest first. */
  public List<Recent> recent() {
    synchronized (recent) {
      List<Recent> out = new ArrayList<>(recent);
      java.util.Collections.reverse(out);
      return out;
    }
  }
}
