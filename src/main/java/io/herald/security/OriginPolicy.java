package io.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Which browser origins may open WebSockets and make cross-origin SSE, poll and publish requests:
 * the server's own origin, plus {@code herald.security.allowed-origins} ({@code *} for any).
 * Requests without an {@code Origin} header (non-browser clients) are not restricted by it.
 *
 * <p>Stateless and thread-safe.
 */
@ApplicationScoped
public class OriginPolicy {
  @Inject SecuritySettings settings;

  /**
   * @param origin the request's {@code Origin} header, or null
   * @param host the request's {@code Host} header
   */
  public boolean allowed(String origin, String host) {
    return trusted(origin, host) || settings.allowedOrigins().contains("*");
  }

  /**
   * True when the request may carry the user's cookies: no {@code Origin}, the same origin, or an
   * origin listed by name. An origin let in only by {@code *} is not trusted with the session.
   */
  public boolean trusted(String origin, String host) {
    if (origin == null || sameOrigin(origin, host)) {
      return true;
    }
    for (String allowed : settings.allowedOrigins()) {
      if (allowed.equalsIgnoreCase(origin)) {
        return true;
      }
    }
    return false;
  }

  /** True when the origin names the same host and port the request was sent to. */
  public boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false;
      }
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      String bare = defaultPort(uri.getScheme(), host);
      return authority.equalsIgnoreCase(host) || authority.equalsIgnoreCase(bare);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String defaultPort(String scheme, String host) {
    String suffix = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
    return host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()) : host;
  }
}
