package io.herald.error;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one JAX-RS exception mapper: every exception that leaves a resource or a JAX-RS filter
 * becomes {@code application/problem+json} from its {@link Failure#of(Throwable) failure values},
 * so clients never see an HTML error page or a stack trace. JAX-RS's own errors (404, 405, 406,
 * 415, ...) keep their status and headers (such as {@code Allow}); anything unexpected is a 500
 * without internals, its cause logged.
 *
 * <p>Stateless provider; JAX-RS calls it on request threads.
 */
// Dependent, not ApplicationScoped: TomEE's CXF does not find the mapped type through an
// OpenWebBeans client proxy and let its own Throwable mapper answer every problem as a 500.
// Priority above the default: a server may add its own ExceptionMapper<RuntimeException> to the
// application (TomEE's MicroProfile OpenTracing one answers 500 with the message as the body), and
// JAX-RS breaks a tie between equally close mappers by priority. Without it CXF picked either,
// depending on the order earlier lookups had left its mapper list in.
@Dependent
@Provider
@Priority(ProblemMapper.PRIORITY)
public class ProblemMapper implements ExceptionMapper<RuntimeException> {
  /** Ahead of mappers of the same type at the default priority ({@link Priorities#USER}). */
  static final int PRIORITY = Priorities.USER - 1000;

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Override
  public Response toResponse(RuntimeException e) {
    Failure failure = Failure.of(e);
    if (failure.unexpected()) {
      LOG.log(Level.WARNING, "unexpected error", e);
    }
    Response.ResponseBuilder b = Problem.response(failure);
    if (e instanceof WebApplicationException web) {
      web.getResponse()
          .getHeaders()
          .forEach(
              (k, v) -> {
                if (!k.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                  v.forEach(value -> b.header(k, value));
                }
              });
    }
    return b.build();
  }
}
