package io.herald.ops;

import io.herald.hub.Hub;
import io.herald.hub.HubMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Herald's numbers, kept in its own Prometheus registry (the {@code prometheus-metrics-core}
 * library shipped in the WAR, so no server needs MicroProfile Metrics) and served as Prometheus
 * text by {@link MetricsResource} at {@code /api/metrics}: open connections per transport,
 * subscribers in total and for the top-N of the topics {@code herald.metrics.topic-labels} lets it
 * name (none by default: a scraper needs no credentials, and topic names can be private), messages
 * published and delivered, delivery latency, queue overflows, disconnects by reason, gaps served
 * and errors by kind. Names are listed in {@code docs/operations.md}.
 *
 * <p>It is the hub's metrics hook ({@link HubMetrics}): the hot-path calls only add to counters
 * already created, once per stored batch or delivered batch, never per subscriber per message.
 * Thread-safe; application-scoped and started with the application. The registry is this instance's
 * own (not the library's global one), so two deployments never share series.
 */
@ApplicationScoped
public class HeraldMetrics implements HubMetrics {
  private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

  @Inject Hub hub;
  @Inject Connections connections;

  @Inject OpsSettings settings;

  @Inject OpsTimer timer;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
  private final Counter published =
      counter("herald_messages_published", "Messages stored").register(registry);
  private final Counter delivered =
      counter("herald_messages_delivered", "Messages handed to transports").register(registry);
  private final Counter overflows =
      counter("herald_queue_overflows", "Subscribers dropped because their queue overflowed")
          .register(registry);
  private final Counter gaps =
      counter("herald_gaps_served", "Resumes and polls told of a gap").register(registry);
  private final Counter disconnects =
      counter("herald_disconnects", "Connections ended, by transport and reason")
          .labelNames("transport", "reason")
          .register(registry);
  private final Counter errors =
      counter("herald_errors", "Errors reported to clients, by kind")
          .labelNames("kind")
          .register(registry);
  private final DeliveryLatency latency = new DeliveryLatency(System::currentTimeMillis);
  private final SummaryWithCallback latencySummary = latencySeries(latency).register(registry);
  private volatile Map<String, Integer> top = Map.of();
  private ScheduledFuture<?> refresher;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    gauges(connections::count, hub::subscriberCount, () -> hub.topicCounts().size());
    hub.metrics(this);
    refresher = timer.every(this::refreshTopTopics, Duration.ZERO, Duration.ofSeconds(2));
  }

  /** Registers the gauges, read from these sources at every scrape. */
  void gauges(
      ToLongFunction<TransportKind> open, LongSupplier subscribers, LongSupplier topicCount) {
    GaugeWithCallback.builder()
        .name("herald_connections_open")
        .help("Open client connections")
        .labelNames("transport")
        .callback(
            cb -> {
              for (TransportKind t : TransportKind.values()) {
                cb.call(open.applyAsLong(t), t.label());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("herald_subscribers")
        .help("Subscribers attached to the hub")
        .callback(cb -> cb.call(subscribers.getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("herald_topics")
        .help("Topics with at least one subscriber")
        .callback(cb -> cb.call(topicCount.getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("herald_topic_subscribers")
        .help("Subscribers of the top-N topics")
        .labelNames("topic")
        .callback(cb -> top.forEach((topic, n) -> cb.call(n, topic)))
        .register(registry);
  }

  @PreDestroy
  void stop() {
    if (refresher != null) {
      refresher.cancel(false);
    }
    if (hub != null) {
      hub.metrics(null);
    }
  }

  @Override
  public void published(int count) {
    published.inc(count);
  }

  @Override
  public void delivered(int count, long oldestLiveAgeMillis) {
    delivered.inc(count);
    if (oldestLiveAgeMillis >= 0) {
      latency.record(oldestLiveAgeMillis);
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
    disconnects.labelValues(transport.label(), reason.label()).inc();
  }

  /** Counts an error under its stable code. Called by {@link Errors}. */
  void error(String kind) {
    errors.labelValues(kind).inc();
  }

  /** Totals since start, for the admin feed. */
  long publishedTotal() {
    return (long) published.get();
  }

  long deliveredTotal() {
    return (long) delivered.get();
  }

  /** The Prometheus text exposition (format 0.0.4) of every Herald series. */
  void writeText(OutputStream out) throws IOException {
    text.write(out, registry.scrape());
  }

  /** The content type of {@link #writeText}. */
  String textContentType() {
    return text.getContentType();
  }

  /**
   * Keeps the subscriber counts of the {@code herald.metrics.top-topics} topics with the most
   * subscribers, so the {@code topic} label set stays bounded however many topics exist. The naming
   * policy (which topics get a series, under what label) is this one method.
   */
  void refreshTopTopics() {
    top =
        TopTopics.of(
            TopTopics.nameable(hub.topicCounts(), settings.topicLabels()), settings.topTopics());
  }

  /** For tests: the top-N map as if refreshed. */
  void top(Map<String, Integer> counts) {
    top = Map.copyOf(counts);
  }

  private static Counter.Builder counter(String name, String help) {
    return Counter.builder().name(name).help(help).withoutExemplars();
  }

  /** The latency summary's series, read from {@code l} at each scrape. */
  private static SummaryWithCallback.Builder latencySeries(DeliveryLatency l) {
    return SummaryWithCallback.builder()
        .name("herald_delivery_latency_seconds")
        .help("Time from storing a message to handing it to a transport (oldest per batch)")
        .callback(cb -> cb.call(l.count(), l.sumSeconds(), l.quantiles(QUANTILES)));
  }
}
