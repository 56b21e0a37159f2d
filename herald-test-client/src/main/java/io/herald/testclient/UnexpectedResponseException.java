package io.herald.testclient;

/**
 * Herald answered a request with a status the client did not expect; carries the status and the
 * body (for Herald's refusals, a problem+json document). Thrown by {@link HeraldClient}.
 */
public final class UnexpectedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String body;

  UnexpectedResponseException(String request, int status, String body) {
    super(request + " answered " + status + ": " + body);
    this.status = status;
    this.body = body;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The response body as text. */
  public String body() {
    return body;
  }
}
