package io.herald.hub;

/**
 * Whether the configured message store can serve now, for the readiness check. Produced by {@code
 * HubProducer} from the chosen {@link History} ({@link History#isAvailable()}).
 *
 * <p>Implementations are thread-safe; the health endpoint calls them on request threads.
 */
@FunctionalInterface
public interface StoreReadiness {
  /** True while the store answers (always, for an in-memory store). */
  boolean isAvailable();
}
