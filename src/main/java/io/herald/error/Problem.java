package io.herald.error;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one writer of RFC 9457 {@code application/problem+json} answers: {@code type}, {@code title},
 * {@code status}, {@code detail} and Herald's stable {@code code}, with {@code WWW-Authenticate}
 * and {@code Retry-After} when the {@link Failure} asks for them. JAX-RS answers through {@link
 * #response} ({@link ProblemMapper}, resources), servlet filters through {@link #write}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Problem {
  /** The problem media type. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

  /** The problem's JSON text. */
  public static String json(Failure failure) {
    int status = failure.status();
    String detail = failure.message();
    return Json.createObjectBuilder()
        .add("type", "urn:herald:problem:" + failure.code())
        .add("title", title(status))
        .add("status", status)
        .add("detail", detail == null ? title(status) : detail)
        .add("code", failure.code())
        .build()
        .toString();
  }

  /** The headers the failure asks for, in the order they are set. */
  public static Map<String, String> headers(Failure failure) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (failure.challenge() != null) {
      headers.put(HttpHeaders.WWW_AUTHENTICATE, failure.challenge());
    }
    if (failure.retryAfterSeconds() > 0) {
      headers.put(HttpHeaders.RETRY_AFTER, Integer.toString(failure.retryAfterSeconds()));
    }
    return headers;
  }

  /** The JAX-RS response for the failure (more headers may be added before building it). */
  public static Response.ResponseBuilder response(Failure failure) {
    Response.ResponseBuilder b =
        Response.status(failure.status()).type(MEDIA_TYPE).entity(json(failure));
    headers(failure).forEach(b::header);
    return b;
  }

  /** Writes the failure as the whole servlet response (outside JAX-RS). */
  public static void write(Failure failure, HttpServletResponse response) throws IOException {
    headers(failure).forEach(response::setHeader);
    response.setStatus(failure.status());
    response.setContentType(MEDIA_TYPE);
    response.getOutputStream().write(json(failure).getBytes(StandardCharsets.UTF_8));
  }

  private static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "Error";
  }
}
