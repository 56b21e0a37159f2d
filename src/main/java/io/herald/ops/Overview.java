package io.herald.ops;

import io.herald.hub.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * Builds the admin snapshot: hub state, connections by transport (and the newest ones, to close),
 * topics with their subscriber counts, message totals and rates, recent errors. The admin API
 * serves it and the admin feed publishes it.
 *
 * <p>Thread-safe; application-scoped. The rates are computed by whoever calls {@link #rates}
 * periodically (the feed).
 */
@ApplicationScoped
public class Overview {
  static final int TOPICS_SHOWN = 50;
  // Small: every feed snapshot is stored in the feed topic's history.
  static final int CONNECTIONS_SHOWN = 25;

  @Inject Hub hub;
  @Inject Connections connections;
  @Inject HeraldMetrics metrics;
  @Inject Errors errors;

  private long lastAt;
  private long lastPublished;
  private long lastDelivered;
  private double publishRate;
  private double deliveryRate;

  /** Recomputes per-second rates from the totals since the previous call. */
  synchronized void rates() {
    long now = System.nanoTime();
    long p = metrics.publishedTotal();
    long d = metrics.deliveredTotal();
    if (lastAt != 0 && now > lastAt) {
      double seconds = (now - lastAt) / 1e9;
      publishRate = (p - lastPublished) / seconds;
      deliveryRate = (d - lastDelivered) / seconds;
    }
    lastAt = now;
    lastPublished = p;
    lastDelivered = d;
  }

  /** The snapshot as JSON; {@code feed} is the topic the live updates are published on. */
  public JsonObject snapshot(String feed) {
    JsonObjectBuilder byTransport = Json.createObjectBuilder();
    for (TransportKind t : TransportKind.values()) {
      byTransport.add(t.label(), connections.count(t));
    }
    JsonArrayBuilder topics = Json.createArrayBuilder();
    Map<String, Integer> counts = hub.topicCounts();
    TopTopics.of(counts, TOPICS_SHOWN)
        .forEach(
            (t, n) -> topics.add(Json.createObjectBuilder().add("topic", t).add("subscribers", n)));
    JsonArrayBuilder open = Json.createArrayBuilder();
    for (Connection c : connections.list(CONNECTIONS_SHOWN)) {
      open.add(
          Json.createObjectBuilder()
              .add("id", c.id())
              .add("transport", c.transport().label())
              .add("address", c.address())
              .add("identity", c.identity())
              .add("opened", c.opened().toString()));
    }
    JsonArrayBuilder recent = Json.createArrayBuilder();
    for (Errors.Recent e : errors.recent()) {
      recent.add(
          Json.createObjectBuilder()
              .add("time", e.time().toString())
              .add("status", e.status())
              .add("kind", e.kind())
              .add("where", e.where())
              .add("detail", e.detail() == null ? "" : e.detail()));
    }
    double pr;
    double dr;
    synchronized (this) {
      pr = publishRate;
      dr = deliveryRate;
    }
    return Json.createObjectBuilder()
        .add("time", java.time.Instant.now().toString())
        .add("running", hub.isRunning())
        .add("feed", feed)
        .add("connections", byTransport)
        .add("subscribers", hub.subscriberCount())
        .add("topicCount", counts.size())
        .add("topics", topics)
        .add("published", metrics.publishedTotal())
        .add("delivered", metrics.deliveredTotal())
        .add("publishRate", Math.round(pr * 10) / 10.0)
        .add("deliveryRate", Math.round(dr * 10) / 10.0)
        .add("open", open)
        .add("errors", recent)
        .build();
  }
}
