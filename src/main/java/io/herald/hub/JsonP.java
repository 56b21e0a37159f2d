package io.herald.hub;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. The static factories of {@code jakarta.json.Json} look the
 * provider up again on every call, which on Payara is a ServiceLoader scan of every jar the web
 * application's class loader sees; the benchmark's profile found it on the publish and subscribe
 * paths (docs/benchmarks.md).
 *
 * <p>Thread-safe: JSON-P providers and the factories they make are.
 */
public final class JsonP {
  /** The provider every hot path uses instead of {@code Json.create…}. */
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private JsonP() {}
}
