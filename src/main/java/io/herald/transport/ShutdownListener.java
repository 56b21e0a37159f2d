package io.herald.transport;

import io.herald.hub.Hub;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every connected client to reconnect when the application stops or is undeployed: WebSocket
 * close 1001, parked polls answered, SSE streams ended. It runs from the servlet context's
 * shutdown, earlier than CDI's {@code @PreDestroy}.
 *
 * <p>On Payara the application's class loader is already stopped by then, so a class that no code
 * has loaded yet can no longer be loaded and the goodbye would fail half-written. At start the
 * listener therefore loads Herald's own classes and the API classes the goodbye paths use.
 *
 * <p>The servlet container calls it once at start and once on undeploy or shutdown.
 */
@WebListener
public class ShutdownListener implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(ShutdownListener.class.getName());
  private static final String CLASSES = "/WEB-INF/classes/";

  /** Referenced only on goodbye paths, so maybe never loaded before the application stops. */
  private static final List<String> GOODBYE_API =
      List.of(
          "jakarta.websocket.CloseReason",
          "jakarta.websocket.CloseReason$CloseCode",
          "jakarta.websocket.CloseReason$CloseCodes",
          "jakarta.ws.rs.core.Response",
          "jakarta.ws.rs.core.Response$ResponseBuilder",
          "jakarta.ws.rs.core.Response$Status",
          "jakarta.ws.rs.sse.OutboundSseEvent",
          "jakarta.servlet.AsyncContext",
          "jakarta.servlet.ServletOutputStream",
          "jakarta.servlet.http.HttpServletResponse",
          "java.nio.charset.StandardCharsets",
          "java.io.IOException",
          "java.util.function.BiConsumer",
          "java.util.concurrent.CompletionStage");

  @Inject Hub hub;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    preload(event.getServletContext(), CLASSES + "io/herald/", loader);
    GOODBYE_API.forEach(name -> load(name, loader));
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    hub.stop();
  }

  private static void preload(ServletContext context, String dir, ClassLoader loader) {
    Set<String> paths = context.getResourcePaths(dir);
    if (paths == null) {
      return;
    }
    for (String path : paths) {
      if (path.endsWith("/")) {
        preload(context, path, loader);
      } else if (path.endsWith(".class")) {
        String name = path.substring(CLASSES.length(), path.length() - 6).replace('/', '.');
        load(name, loader);
      }
    }
  }

  private static void load(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.log(Level.FINE, "not preloaded: " + name, e);
    }
  }
}
