package io.herald.security;

import io.herald.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds {@link SecuritySettings} for unit tests from key/value pairs, through the same reader the
 * server uses ({@link Settings#of}), without a container. The one place these tests construct
 * settings, so a change to how settings are read is adapted here once.
 *
 * <p>Stateless.
 */
final class TestSettings {
  private TestSettings() {}

  /**
   * @param keyValues alternating keys and values, e.g. {@code "herald.security.public-topics",
   *     "news/**"}
   */
  static SecuritySettings of(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return Settings.of(values).security();
  }
}
