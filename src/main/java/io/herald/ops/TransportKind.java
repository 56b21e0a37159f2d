package io.herald.ops;

/**
 * The transports that hold a client connection open, each with the one name it goes by on the
 * server: in the connection log, the {@code transport} label of the metrics, and the admin API and
 * page.
 *
 * <p>Immutable.
 */
public enum TransportKind {
  /** A WebSocket connection ({@code /api/ws}). */
  WEBSOCKET("websocket"),
  /** A Server-Sent Events stream ({@code /api/sse}). */
  SSE("sse"),
  /** A parked long poll ({@code /api/poll}); one connection per poll request. */
  LONG_POLL("long-poll");

  private final String label;

  TransportKind(String label) {
    this.label = label;
  }

  /** The name in logs, metric labels and the admin API, e.g. {@code long-poll}. */
  public String label() {
    return label;
  }
}
