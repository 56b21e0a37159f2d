package io.herald.transport.rest;

import io.herald.limits.LimitExceededException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A limit refused the request → its status (400, 413, 429 or 503) as {@code
 * application/problem+json}, with {@code Retry-After} when the client should back off.
 *
 * <p>Stateless provider; JAX-RS calls it on request threads.
 */
@Provider
public class LimitMapper implements ExceptionMapper<LimitExceededException> {
  @Override
  public Response toResponse(LimitExceededException e) {
    Response.ResponseBuilder b = Problem.of(e.status(), e.code(), e.getMessage());
    if (e.retryAfterSeconds() > 0) {
      b.header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
    }
    return b.build();
  }
}
