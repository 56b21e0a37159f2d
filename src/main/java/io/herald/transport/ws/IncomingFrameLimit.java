package io.herald.transport.ws;

import io.herald.limits.LimitSettings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Checks at start that Payara's WebSocket buffer for unfinished incoming frames fits {@code
 * herald.limits.max-message-bytes}, and warns when it does not.
 *
 * <p>Payara's WebSocket implementation (Tyrus) holds the bytes of a frame until the whole frame has
 * arrived, whatever its header announced, up to the context parameter {@value #PARAMETER} (Tyrus'
 * default: 4 MiB); only a complete frame meets {@code Session#setMaxTextMessageBufferSize}. A
 * header announcing 2 GiB followed by a trickle therefore held 4 MiB per connection, and pooled
 * request objects kept those buffers after the connection closed (measured on main: 40 connections
 * +181 MiB, 352 MiB live after two rounds). Past the parameter Tyrus closes the connection with
 * 1011, which {@link FrameOverflow} turns into 1009. Tyrus reads the parameter once, when the
 * application starts and before any of its code runs, so herald-ee's {@code
 * META-INF/web-fragment.xml} sets it (an application's own {@code web.xml} overrides it): room for
 * one frame of the default limit plus one read after it ({@link #fits}). Raising the limit needs a
 * larger value there, which is what the warning says.
 *
 * <p>Other servers ignore the parameter and apply their own frame limits (docs/limits.md).
 *
 * <p>The servlet container calls it once at start.
 */
@WebListener
public class IncomingFrameLimit implements ServletContextListener {
  /** Name of Tyrus' context parameter. */
  static final String PARAMETER = "org.glassfish.tyrus.servlet.incoming-buffer-size";

  /**
   * Largest WebSocket frame header: 2 bytes, 8 bytes of length, 4 bytes of mask (RFC 6455 §5.2).
   */
  static final int MAX_HEADER_BYTES = 14;

  private static final Logger LOG = Logger.getLogger(IncomingFrameLimit.class.getName());

  @Inject LimitSettings limits;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    String configured = event.getServletContext().getInitParameter(PARAMETER);
    if (configured == null) {
      return;
    }
    int needed = needed(limits.maxMessageBytes());
    try {
      if (Integer.parseInt(configured.strip()) < needed) {
        LOG.warning(
            PARAMETER
                + " is "
                + configured
                + " but herald.limits.max-message-bytes="
                + limits.maxMessageBytes()
                + " needs at least "
                + needed
                + ": set it in the application's WEB-INF/web.xml, or Payara closes connections that send"
                + " messages smaller than the limit");
      }
    } catch (NumberFormatException e) {
      LOG.warning(PARAMETER + " is not a number: " + configured);
    }
  }

  /**
   * The buffer that holds one whole frame of {@code maxMessageBytes} plus one read after it: Tyrus
   * counts what is left of an unfinished frame and the next read together.
   */
  static int needed(int maxMessageBytes) {
    return 2 * (maxMessageBytes + MAX_HEADER_BYTES);
  }
}
