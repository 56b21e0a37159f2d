package io.herald.transport.sse;

import io.herald.error.EventSourceStop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers an {@link SseStop} with 204 and the refusal's code in {@value EventSourceStop#HEADER}
 * (more specific than {@link io.herald.error.ProblemMapper}, so JAX-RS picks it).
 *
 * <p>Stateless provider; JAX-RS calls it on request threads.
 */
@ApplicationScoped
@Provider
public class SseStopMapper implements ExceptionMapper<SseStop> {
  @Override
  public Response toResponse(SseStop stop) {
    return Response.noContent().header(EventSourceStop.HEADER, stop.failure().code()).build();
  }
}
