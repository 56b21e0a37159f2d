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

  /** Where a request's origin stands, decided once per request ({@link #standing}). */
  public enum Standing {
    /** No {@code Origin} header: not a browser's cross-site request; trusted. */
    NONE(true, true, false),
    /** The server's own origin; trusted. */
    SAME(true, true, false),
    /** Another origin listed by name in {@code herald.security.allowed-origins}; trusted. */
    LISTED(true, true, true),
    /** Another origin let in only by {@code *}: allowed, not trusted with the session. */
    ANY(true, false, true),
    /** Not allowed. */
    REFUSED(false, false, true);

    private final boolean allowed;
    private final boolean trusted;
    private final boolean crossOrigin;

    Standing(boolean allowed, boolean trusted, boolean crossOrigin) {
      this.allowed = allowed;
      this.trusted = trusted;
      this.crossOrigin = crossOrigin;
    }

    /** The request may go on. */
    public boolean allowed() {
      return allowed;
    }

    /** The request may carry the user's cookies. */
    public boolean trusted() {
      return trusted;
    }

    /** An {@code Origin} other than the server's own: the answer needs CORS headers. */
    public boolean crossOrigin() {
      return crossOrigin;
    }
  }

  /**
   * The origin's standing, parsing it once (the security filter asks for every request, the
   * WebSocket upgrade included).
   *
   * @param origin the request's {@code Origin} header, or null
   * @param host the request's {@code Host} header
   */
  public Standing standing(String origin, String host) {
    if (origin == null) {
      return Standing.NONE;
    }
    if (sameOrigin(origin, host)) {
      return Standing.SAME;
    }
    for (String allowed : settings.allowedOrigins()) {
      if (allowed.equalsIgnoreCase(origin)) {
        return Standing.LISTED;
      }
    }
    return settings.allowedOrigins().contains("*") ? Standing.ANY : Standing.REFUSED;
  }

  /**
   * @param origin the request's {@code Origin} header, or null
   * @param host the request's {@code Host} header
   */
  public boolean allowed(String origin, String host) {
    return standing(origin, host).allowed();
  }

  /**
   * True when the request may carry the user's cookies: no {@code Origin}, the same origin, or an
   * origin listed by name. An origin let in only by {@code *} is not trusted with the session.
   */
  public boolean trusted(String origin, String host) {
    return standing(origin, host).trusted();
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
