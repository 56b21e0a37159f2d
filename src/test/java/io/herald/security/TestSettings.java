package io.herald.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Builds {@link SecuritySettings} for unit tests from key/value pairs, read the way MicroProfile
 * Config supplies them (lists split on commas), without a container. The one place these tests
 * construct settings, so a change to how settings are read is adapted here once.
 *
 * <p>Not thread-safe; each test builds its own.
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
    SecuritySettings settings = new SecuritySettings();
    settings.config = new MapConfig(values);
    settings.read();
    return settings;
  }

  /** The subset of {@link Config} that {@link SecuritySettings} reads, backed by a map. */
  private record MapConfig(Map<String, String> values) implements Config {
    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
      return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    @Override
    public <T> Optional<List<T>> getOptionalValues(String name, Class<T> type) {
      return Optional.ofNullable(values.get(name))
          .map(v -> List.of(v.split(",")).stream().map(type::cast).toList());
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
      return getOptionalValue(name, type).orElseThrow();
    }

    @Override
    public ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException("not read by SecuritySettings");
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException("not read by SecuritySettings");
    }
  }
}
