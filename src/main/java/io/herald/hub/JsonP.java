package io.herald.hub;

import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * The JSON-P provider, looked up once. The static factories of {@code jakarta.json.Json} look the
 * provider up again on every call, which on Payara is a ServiceLoader scan of every jar the web
 * application's class loader sees; the benchmark's profile found it on the publish and subscribe
 * paths (docs/benchmarks.md).
 *
 * <p>Thread-safe: JSON-P providers and the factories they make are; {@link #reader} replaces its
 * factory by a racy but harmless volatile write.
 */
public final class JsonP {
  /** The provider every hot path uses instead of {@code Json.create…}. */
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  /**
   * Johnzon's (TomEE's) longest string or number, which TomEE sets to 8,192 characters: a longer
   * string in a message is refused as malformed JSON. Other providers ignore the key.
   */
  static final String JOHNZON_MAX_STRING = "org.apache.johnzon.max-string-length";

  private static volatile Readers readers = new Readers(65_536);

  private JsonP() {}

  /**
   * A reader of {@code text} that takes strings as long as the text itself, on every provider.
   * (Johnzon allocates and pools buffers of the configured length, hence a factory grown to the
   * longest text seen rather than one sized for anything.)
   */
  public static JsonReader reader(String text) {
    Readers r = readers;
    if (text.length() > r.maxString) {
      r = new Readers(Math.max(text.length(), 2 * r.maxString));
      readers = r;
    }
    return r.factory.createReader(new StringReader(text));
  }

  private static final class Readers {
    final int maxString;
    final JsonReaderFactory factory;

    Readers(int maxString) {
      this.maxString = maxString;
      this.factory = PROVIDER.createReaderFactory(Map.of(JOHNZON_MAX_STRING, maxString));
    }
  }
}
