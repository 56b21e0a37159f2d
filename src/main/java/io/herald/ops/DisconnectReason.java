package io.herald.ops;

import java.util.Locale;

/**
 * Why a connection ended. A closed set, so it can label metrics without unbounded cardinality.
 *
 * <p>Immutable.
 */
public enum DisconnectReason {
  /** The client closed the connection or went away. */
  CLIENT_CLOSED,
  /** A write to the client failed. */
  WRITE_FAILED,
  /** The client fell too far behind and its queue overflowed. */
  OVERFLOW,
  /** An operator closed it from the admin API. */
  OPERATOR,
  /** The hub was stopped or refused the connection. */
  UNAVAILABLE,
  /** A long poll was answered with messages. */
  ANSWERED,
  /** A long poll timed out with no messages. */
  TIMEOUT,
  /** The server closed it for another reason (a policy, a limit, shutdown). */
  SERVER_CLOSED,
  /** An error in the transport or in the request. */
  ERROR;

  /** The lower-case, dash-separated label used in logs and metrics, e.g. {@code client-closed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
