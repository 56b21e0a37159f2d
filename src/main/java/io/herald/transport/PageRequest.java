package io.herald.transport;

import io.herald.hub.InvalidInputException;
import io.herald.hub.Page;
import io.herald.limits.Limits;

/**
 * Turns a request's {@code limit} into the {@link Page} a history answer (short or long poll,
 * {@code GET /api/history}, the WebSocket {@code history} frame) may fill: {@value #DEFAULT_LIMIT}
 * messages when absent, at most {@code herald.limits.history-page-max-messages}, and the {@code
 * history-page-max-bytes} cap.
 *
 * <p>Stateless and thread-safe; called by the transports on their request threads.
 */
public final class PageRequest {
  /** Messages in a history answer whose request names no {@code limit}. */
  public static final int DEFAULT_LIMIT = 100;

  private PageRequest() {}

  /**
   * @param limit the request's {@code limit} as sent, or {@code null}
   * @param reverse newest first
   * @throws InvalidInputException {@code bad-limit} unless a whole number from 1 to the maximum
   */
  public static Page of(Limits limits, String limit, boolean reverse) {
    int max = limits.historyPageMaxMessages();
    int n = Math.min(DEFAULT_LIMIT, max);
    if (limit != null) {
      n = 0;
      try {
        n = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
      if (n < 1 || n > max) {
        throw new InvalidInputException(
            "bad-limit", "limit must be a whole number from 1 to " + max);
      }
    }
    return new Page(n, limits.historyPageMaxBytes(), reverse);
  }
}
