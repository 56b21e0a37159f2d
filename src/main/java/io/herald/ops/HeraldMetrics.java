package io.herald.ops;

import io.herald.hub.Hub;
import io.herald.hub.HubMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Binds Herald's numbers to MicroProfile Metrics (application registry, Prometheus text at the
 * server's {@code /metrics}): open connections per transport, subscribers in total and for the
 * top-N of the topics {@code herald.metrics.topic-labels} lets it name (none by default: a scraper
 * needs no credentials, and topic names can be private), messages published and delivered, delivery
 * latency, queue overflows, disconnects by reason, gaps served and errors by kind. Names are listed
 * in {@code docs/operations.md}.
 *
 * <p>It is the hub's metrics hook ({@link HubMetrics}): the hot-path calls only add to counters
 * already looked up, once per stored batch or delivered batch, never per subscriber per message.
 * Thread-safe; application-scoped and started with the application.
 */
@ApplicationScoped
public class HeraldMetrics implements HubMetrics {
  static final String CONNECTIONS = "herald.connections.open";
  static final String SUBSCRIBERS = "herald.subscribers";
  static final String TOPICS = "herald.topics";
  static final String TOPIC_SUBSCRIBERS = "herald.topic.subscribers";
  static final String PUBLISHED = "herald.messages.published";
  static final String DELIVERED = "herald.messages.delivered";
  static final String LATENCY = "herald.delivery.latency";
  static final String OVERFLOWS = "herald.queue.overflows";
  static final String DISCONNECTS = "herald.disconnects";
  static final String GAPS = "herald.gaps.served";
  static final String ERRORS = "herald.errors";

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Inject Hub hub;
  @Inject Connections connections;

  @Inject OpsSettings settings;

  @Inject OpsTimer timer;

  private Counter published;
  private Counter delivered;
  private Counter overflows;
  private Counter gaps;
  private Histogram latency;
  private volatile Map<String, Integer> top = Map.of();
  private final Set<String> topicGauges = new HashSet<>();
  private ScheduledFuture<?> refresher;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    published = registry.counter(meta(PUBLISHED, "Messages stored", MetricUnits.NONE));
    delivered =
        registry.counter(meta(DELIVERED, "Messages handed to transports", MetricUnits.NONE));
    overflows =
        registry.counter(
            meta(OVERFLOWS, "Subscribers dropped because their queue overflowed", "none"));
    gaps = registry.counter(meta(GAPS, "Resumes and polls told of a gap", MetricUnits.NONE));
    latency =
        registry.histogram(
            meta(
                LATENCY,
                "Time from storing a message to handing it to a transport (oldest per batch)",
                MetricUnits.MILLISECONDS));
    for (TransportKind t : TransportKind.values()) {
      registry.gauge(
          meta(CONNECTIONS, "Open client connections", MetricUnits.NONE),
          connections,
          c -> c.count(t),
          new Tag("transport", t.label()));
    }
    registry.gauge(
        meta(SUBSCRIBERS, "Subscribers attached to the hub", MetricUnits.NONE),
        hub,
        Hub::subscriberCount);
    registry.gauge(
        meta(TOPICS, "Topics with at least one subscriber", MetricUnits.NONE),
        hub,
        h -> h.topicCounts().size());
    hub.metrics(this);
    refresher = timer.every(this::refreshTopTopics, Duration.ZERO, Duration.ofSeconds(2));
  }

  @PreDestroy
  void stop() {
    if (refresher != null) {
      refresher.cancel(false);
    }
    hub.metrics(null);
  }

  @Override
  public void published(int count) {
    published.inc(count);
  }

  @Override
  public void delivered(int count, long oldestLiveAgeMillis) {
    delivered.inc(count);
    if (oldestLiveAgeMillis >= 0) {
      latency.update(oldestLiveAgeMillis);
    }
  }

  @Override
  public void overflowed() {
    overflows.inc();
  }

  @Override
  public void gapServed() {
    gaps.inc();
  }

  /** Counts a connection's end under its transport and reason. Called by {@link Connections}. */
  void disconnected(TransportKind transport, DisconnectReason reason) {
    registry
        .counter(
            meta(DISCONNECTS, "Connections ended, by transport and reason", MetricUnits.NONE),
            new Tag("transport", transport.label()),
            new Tag("reason", reason.label()))
        .inc();
  }

  /** Counts an error under its stable code. Called by {@link Errors}. */
  void error(String kind) {
    registry
        .counter(meta(ERRORS, "Errors reported to clients, by kind", MetricUnits.NONE), kind(kind))
        .inc();
  }

  /** Totals since start, for the admin feed. */
  long publishedTotal() {
    return published.getCount();
  }

  long deliveredTotal() {
    return delivered.getCount();
  }

  /**
   * Keeps one gauge per topic for the {@code herald.metrics.top-topics} topics with the most
   * subscribers among those {@code herald.metrics.topic-labels} opts in, so the label set stays
   * bounded however many topics exist and names only topics a scraper may see.
   */
  synchronized void refreshTopTopics() {
    Map<String, Integer> now =
        TopTopics.of(
            TopTopics.nameable(hub.topicCounts(), settings.topicLabels()), settings.topTopics());
    top = now;
    for (String t : List.copyOf(topicGauges)) {
      if (!now.containsKey(t)) {
        registry.remove(new MetricID(TOPIC_SUBSCRIBERS, new Tag("topic", t)));
        topicGauges.remove(t);
      }
    }
    for (String t : now.keySet()) {
      if (topicGauges.add(t)) {
        registry.gauge(
            meta(TOPIC_SUBSCRIBERS, "Subscribers of the top-N topics", MetricUnits.NONE),
            this,
            m -> m.top.getOrDefault(t, 0),
            new Tag("topic", t));
      }
    }
  }

  private static Tag kind(String kind) {
    return new Tag("kind", kind);
  }

  private static Metadata meta(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }
}
