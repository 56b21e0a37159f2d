package io.herald.transport.rest;

import io.herald.api.PublishRejectedException;
import io.herald.hub.HubUnavailableException;
import io.herald.hub.InvalidInputException;
import io.herald.security.AccessDeniedException;
import io.herald.security.AuthenticationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every exception that leaves a resource to {@code application/problem+json}, so clients never
 * see an HTML error page or a stack trace.
 *
 * <p>Stateless providers; JAX-RS calls them on request threads.
 */
public final class ProblemMappers {
  private ProblemMappers() {}

  /** Bad client input → 400. */
  @Provider
  public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
      return Problem.of(400, e.code(), e.getMessage()).build();
    }
  }

  /** Refused by policy → 403. */
  @Provider
  public static class Denied implements ExceptionMapper<AccessDeniedException> {
    @Override
    public Response toResponse(AccessDeniedException e) {
      return Problem.of(403, "forbidden", e.getMessage()).build();
    }
  }

  /** Credentials missing where required, or no longer valid → 401. */
  @Provider
  public static class Unauthenticated implements ExceptionMapper<AuthenticationException> {
    @Override
    public Response toResponse(AuthenticationException e) {
      return Problem.of(401, e.code(), e.getMessage())
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .build();
    }
  }

  /** Rejected by an application observer → 422. */
  @Provider
  public static class Rejected implements ExceptionMapper<PublishRejectedException> {
    @Override
    public Response toResponse(PublishRejectedException e) {
      return Problem.of(422, "rejected", e.getMessage()).build();
    }
  }

  /** Hub stopped or its store unreachable → 503 with a retry hint. */
  @Provider
  public static class Unavailable implements ExceptionMapper<HubUnavailableException> {
    @Override
    public Response toResponse(HubUnavailableException e) {
      return Problem.of(503, "unavailable", e.getMessage())
          .header(HttpHeaders.RETRY_AFTER, "5")
          .build();
    }
  }

  /** JAX-RS's own errors (404, 405, 406, 415, ...) keep their status. */
  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      Response.ResponseBuilder b = Problem.of(status, "http-" + status, e.getMessage());
      e.getResponse()
          .getHeaders()
          .forEach(
              (k, v) -> {
                if (!k.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                  v.forEach(value -> b.header(k, value));
                }
              });
      return b.build();
    }
  }

  /** Anything unexpected → 500 without internals; the cause is logged. */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
      LOG.log(Level.WARNING, "unexpected error", e);
      return Problem.of(500, "internal", "internal error").build();
    }
  }
}
