package io.herald.error;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The SSE answer to a refusal that reconnecting can never cure, for an {@code EventSource}: {@code
 * 204 No Content} (which the HTML standard's EventSource treats as "do not reconnect") with the
 * failure's code in a {@value #HEADER} header, instead of a problem body no EventSource can read.
 * Final refusals are bad input (400), a refused or invalid credential (401) and a forbidden topic
 * (403); transient ones (429, 503) keep their problem and {@code Retry-After}. A request is an
 * EventSource's when its {@code Accept} is exactly {@code text/event-stream} (what browsers send);
 * any other client, e.g. one sending {@code Accept: text/event-stream, application/problem+json},
 * keeps the problem body (docs/protocol.md, "Final answers").
 *
 * <p>Stateless and thread-safe; called by the security filter and the SSE resource.
 */
public final class EventSourceStop {
  /** Response header naming the refusal's code on a 204. */
  public static final String HEADER = "Herald-Error";

  private static final String EVENT_STREAM = "text/event-stream";

  private EventSourceStop() {}

  /** Whether a request with this {@code Accept} header is answered 204 for {@code failure}. */
  public static boolean applies(String accept, Failure failure) {
    int status = failure.status();
    return accept != null
        && accept.strip().equalsIgnoreCase(EVENT_STREAM)
        && (status == 400 || status == 401 || status == 403);
  }

  /** Writes the 204 as the whole servlet response (outside JAX-RS). */
  public static void write(Failure failure, HttpServletResponse response) {
    response.setStatus(204);
    response.setHeader(HEADER, failure.code());
  }
}
