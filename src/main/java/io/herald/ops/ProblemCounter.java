package io.herald.ops;

import io.herald.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;

/**
 * Sees every {@code application/problem+json} response the REST API sends and records it in {@link
 * Errors} under its {@code code}, so every transport's HTTP errors are counted and logged in one
 * place without touching the resources.
 *
 * <p>Stateless; JAX-RS calls it on request threads, after {@link io.herald.error.ProblemMapper}.
 */
@ApplicationScoped
@Provider
public class ProblemCounter implements ContainerResponseFilter {
  private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

  @Inject Errors errors;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400
        || response.getMediaType() == null
        || !PROBLEM.isCompatible(response.getMediaType())
        || !(response.getEntity() instanceof String body)) {
      return;
    }
    String kind = "http-" + response.getStatus();
    String detail = null;
    try (JsonReader r = Json.createReader(new StringReader(body))) {
      JsonObject problem = r.readObject();
      kind = problem.getString("code", kind);
      detail = problem.getString("detail", null);
    } catch (JsonException | ClassCastException e) {
      // Not one of ours; count it by status.
    }
    errors.record(
        response.getStatus(),
        kind,
        request.getMethod() + " " + request.getUriInfo().getRequestUri().getPath(),
        detail);
  }
}
