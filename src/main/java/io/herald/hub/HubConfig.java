package io.herald.hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the hub's limits from MicroProfile Config once and offers them as {@link HubSettings} to
 * whoever needs them (the hub's producer, the Redis store's history), so each key and its default
 * is written in one place.
 *
 * <p>Application-scoped; CDI calls it.
 */
@ApplicationScoped
public class HubConfig {
  @Inject
  @ConfigProperty(name = "herald.history.max-count", defaultValue = "1000")
  int historyMaxCount;

  @Inject
  @ConfigProperty(name = "herald.history.max-age", defaultValue = "PT1H")
  String historyMaxAge;

  @Inject
  @ConfigProperty(name = "herald.queue.max-messages", defaultValue = "10000")
  int queueMaxMessages;

  @Inject
  @ConfigProperty(name = "herald.queue.max-bytes", defaultValue = "4194304")
  long queueMaxBytes;

  /** The configured settings. */
  @Produces
  public HubSettings settings() {
    return new HubSettings(
        historyMaxCount, Duration.parse(historyMaxAge), queueMaxMessages, queueMaxBytes);
  }
}
