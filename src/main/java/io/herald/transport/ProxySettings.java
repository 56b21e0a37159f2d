package io.herald.transport;

import java.util.List;

/**
 * Reverse-proxy settings, read once at start from {@code herald.proxy.*}. Immutable.
 *
 * @param trusted {@code herald.proxy.trusted}: CIDR blocks or addresses of the proxies whose {@code
 *     Forwarded} / {@code X-Forwarded-For} headers name the client. No default (empty: the headers
 *     are ignored and every client is its TCP peer).
 * @throws IllegalArgumentException naming the key and the entry that is not a block
 */
public record ProxySettings(List<String> trusted) {
  public ProxySettings {
    trusted = List.copyOf(trusted);
    try {
      TrustedProxies.of(trusted);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("herald.proxy.trusted: " + e.getMessage(), e);
    }
  }

  /** The parsed blocks. */
  public TrustedProxies proxies() {
    return TrustedProxies.of(trusted);
  }
}
