package io.herald.transport.rest;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/**
 * Builds RFC 9457 {@code application/problem+json} responses: {@code type}, {@code title}, {@code
 * status}, {@code detail} and Herald's stable {@code code}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Problem {
  /** The problem media type. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

  /**
   * @param status HTTP status
   * @param code stable machine-readable code, documented in {@code docs/protocol.md}
   * @param detail human-readable explanation
   */
  public static Response.ResponseBuilder of(int status, String code, String detail) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "urn:herald:problem:" + code)
            .add("title", title(status))
            .add("status", status)
            .add("detail", detail == null ? title(status) : detail)
            .add("code", code);
    return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
  }

  private static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "Error";
  }
}
