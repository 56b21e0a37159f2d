package io.herald.demo;

/**
 * The demo publishers' settings, read once at start from {@code herald.demo.*}. Immutable.
 *
 * @param enabled whether the demo page's {@code demo/prices} and {@code demo/system} messages are
 *     published on a timer. Default {@code true}.
 * @param priceIntervalMillis period of the {@code demo/prices} ticks, in milliseconds. Default
 *     {@code 500}.
 */
public record DemoSettings(boolean enabled, long priceIntervalMillis) {}
