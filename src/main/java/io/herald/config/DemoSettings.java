package io.herald.config;

/**
 * The demo publishers' settings, read once at start from {@code herald.demo.*}. Immutable. Only the
 * stand-alone WAR has demo publishers ({@code io.herald.demo}, not in the {@code herald-ee}
 * library), so in an application that embeds Herald these keys change nothing.
 *
 * @param enabled whether the demo page's {@code demo/prices} and {@code demo/system} messages are
 *     published on a timer. Default {@code true}.
 * @param priceIntervalMillis period of the {@code demo/prices} ticks, in milliseconds. Default
 *     {@code 500}.
 */
public record DemoSettings(boolean enabled, long priceIntervalMillis) {}
