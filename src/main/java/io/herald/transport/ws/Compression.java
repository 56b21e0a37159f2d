package io.herald.transport.ws;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which WebSocket extensions a handshake gets: permessage-deflate (RFC 7692) when {@code
 * herald.websocket.compression} is on and the client offers it, none otherwise. A container that
 * installs permessage-deflate itself (Tomcat, Undertow, Jetty) negotiates its own; one that does
 * not (Tyrus in Payara and GlassFish) gets Tyrus's implementation, shipped in the WAR ({@code
 * tyrus-extension-deflate}) and loaded by name so no other container needs Tyrus. With the setting
 * off, permessage-deflate is refused on every container, including those that would offer it by
 * default: it costs CPU per message and native memory per connection (docs/configuration.md).
 *
 * <p>Thread-safe: the Tyrus extension instance is created once and is stateless between connections
 * (its per-connection state lives in Tyrus's extension context). Called by {@link
 * WsServices.Endpoints} during each handshake.
 */
final class Compression {
  /** The extension's registered name. */
  static final String DEFLATE = "permessage-deflate";

  private static final Logger LOG = Logger.getLogger(Compression.class.getName());
  private static final String TYRUS_DEFLATE =
      "org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension";

  private final boolean enabled;
  private final Supplier<Extension> fallback;

  Compression(boolean enabled, Supplier<Extension> fallback) {
    this.enabled = enabled;
    this.fallback = fallback;
  }

  /** Compression as configured, with Tyrus's deflate as fallback where the container has none. */
  static Compression of(boolean enabled) {
    return new Compression(enabled, enabled ? Compression::tyrusDeflate : () -> null);
  }

  /**
   * The extensions to answer with, in the client's order of preference (RFC 6455 9.1).
   *
   * @param installed what the container offers for this endpoint
   * @param requested what the client asked for
   */
  List<Extension> negotiate(List<Extension> installed, List<Extension> requested) {
    List<Extension> out = new ArrayList<>();
    for (Extension r : requested) {
      boolean deflate = DEFLATE.equals(r.getName());
      if (deflate && !enabled) {
        continue;
      }
      Extension match = named(installed, r.getName());
      if (match == null && deflate) {
        match = fallback.get();
      }
      if (match != null && named(out, match.getName()) == null) {
        out.add(match);
      }
    }
    return out;
  }

  private static Extension named(List<Extension> list, String name) {
    for (Extension e : list) {
      if (e.getName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static volatile Extension tyrus;
  private static volatile boolean tyrusTried;

  /** Tyrus's permessage-deflate, or null where Tyrus is not the container. */
  private static Extension tyrusDeflate() {
    if (!tyrusTried) {
      synchronized (Compression.class) {
        if (!tyrusTried) {
          try {
            tyrus =
                (Extension)
                    Class.forName(TYRUS_DEFLATE, true, Compression.class.getClassLoader())
                        .getConstructor()
                        .newInstance();
          } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            LOG.log(Level.FINE, "no Tyrus permessage-deflate here; the container's own only", e);
          }
          tyrusTried = true;
        }
      }
    }
    return tyrus;
  }
}
