/**
 * Herald's settings, read in one place. {@link io.herald.config.Setting} lists every key with its
 * default; {@link io.herald.config.Settings} builds the typed, immutable record each package uses
 * (such as {@code HubSettings}, {@code LimitSettings}, {@code SecuritySettings}), and {@link
 * io.herald.config.SettingsProducer} does so from MicroProfile Config and offers the records to
 * CDI. No other class reads configuration. Depends on the packages whose records it builds; nothing
 * depends on it.
 */
package io.herald.config;
