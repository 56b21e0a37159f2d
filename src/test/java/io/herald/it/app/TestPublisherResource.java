package io.herald.it.app;

import io.herald.api.Herald;
import io.herald.api.Publish;
import io.herald.api.Published;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Test-only: application code publishing through the injected {@link Herald} API ({@code via=api},
 * answers the stored id) or by firing a {@link Publish} CDI event ({@code via=event}).
 */
@Path("test/publish")
@RequestScoped
public class TestPublisherResource {
  @Inject Herald herald;
  @Inject Event<Publish> bus;

  @POST
  public Response publish(
      @QueryParam("via") String via,
      @QueryParam("topic") String topic,
      @QueryParam("text") String text) {
    Map<String, Object> data = Map.of("text", text, "via", via);
    if ("event".equals(via)) {
      bus.fire(new Publish(topic, "bean", data));
      return Response.noContent().build();
    }
    Published m = herald.publish(topic, "bean", data);
    return Response.ok(Json.createObjectBuilder().add("id", m.id()).build().toString()).build();
  }
}
