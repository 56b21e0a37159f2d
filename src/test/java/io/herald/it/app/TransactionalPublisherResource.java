package io.herald.it.app;

import io.herald.api.Herald;
import io.herald.api.Publish;
import io.herald.hub.Hub;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test-only: application code publishing inside a JTA transaction. {@code commit} fires a {@link
 * Publish} event ({@code via=event}) or calls {@link Herald#publishAfterCommit} ({@code via=api}),
 * then answers how many messages the topic held before the commit; {@code rollback} does the same
 * and then fails (409), rolling back; {@code async} fires the event asynchronously and answers the
 * error it completed with; {@code money} publishes at once a payload only the application's {@code
 * Jsonb} maps ({@link MoneyJsonb}).
 */
@Path("test/tx")
@RequestScoped
public class TransactionalPublisherResource {
  @Inject Herald herald;
  @Inject Event<Publish> bus;
  @Inject Hub hub;

  @POST
  @Path("commit")
  @Transactional
  public Response commit(@QueryParam("via") String via, @QueryParam("topic") String topic) {
    publish(via, topic, "committed");
    int before = hub.read(List.of(topic), "earliest").messages().size();
    return Response.ok(
            Json.createObjectBuilder().add("storedBeforeCommit", before).build().toString())
        .build();
  }

  @POST
  @Path("rollback")
  @Transactional
  public Response rollback(@QueryParam("via") String via, @QueryParam("topic") String topic) {
    publish(via, topic, "rolled back");
    throw new WebApplicationException("the order failed", 409);
  }

  @POST
  @Path("async")
  public Response async(@QueryParam("topic") String topic)
      throws InterruptedException, TimeoutException {
    try {
      bus.fireAsync(new Publish(topic, "tx", Map.of("text", "async")))
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      return Response.ok("completed").build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      // CDI wraps every failed async observer in a CompletionException with them as suppressed.
      Throwable refused = cause.getSuppressed().length > 0 ? cause.getSuppressed()[0] : cause;
      return Response.ok(refused.getClass().getSimpleName() + ": " + refused.getMessage()).build();
    }
  }

  /** Publishes a {@link MoneyJsonb.Money} now, mapped by the application's {@code Jsonb}. */
  @POST
  @Path("money")
  public Response money(@QueryParam("topic") String topic) {
    herald.publish(topic, new MoneyJsonb.Money(1250));
    return Response.noContent().build();
  }

  private void publish(String via, String topic, String text) {
    Map<String, Object> data = Map.of("text", text);
    if ("api".equals(via)) {
      herald.publishAfterCommit(topic, "tx", data);
    } else {
      bus.fire(new Publish(topic, "tx", data));
    }
  }
}
