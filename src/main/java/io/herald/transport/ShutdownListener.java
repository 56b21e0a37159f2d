package io.herald.transport;

import io.herald.hub.Hub;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Tells every connected client to reconnect when the application stops or is undeployed: WebSocket
 * close 1001, parked polls answered, SSE streams ended. It runs from the servlet context's
 * shutdown, earlier than CDI's {@code @PreDestroy}.
 *
 * <p>On Payara the application's class loader is already stopped by then, so a class that no code
 * has loaded yet can no longer be loaded and the goodbye would fail half-written. At start the
 * listener therefore loads Herald's own classes (the herald-ee jar's, and the application's under
 * {@code io/herald/} in {@code WEB-INF/classes}) and the API classes the goodbye paths use.
 *
 * <p>When the JVM is told to stop (SIGTERM, Ctrl-C) the same goodbye also runs at once from a
 * shutdown hook, registered at start and removed on undeploy: Open Liberty stops applications only
 * after its quiesce, which waits up to 30 s for open requests, and an SSE stream whose client left
 * unnoticed is one (measured: 34.5 s, {@code CWWKE1102W}). Ending the streams first lets the
 * quiesce finish. Stopping the hub twice is harmless.
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

  private Thread hook;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    preloadLibrary(loader);
    preload(event.getServletContext(), CLASSES + "io/herald/", loader);
    GOODBYE_API.forEach(name -> load(name, loader));
    Hub stopping = hub;
    hook = new Thread(() -> goodbye(stopping), "herald-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      // Already stopping, or not allowed: the container's undeploy says goodbye instead.
      hook = null;
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | SecurityException e) {
        // The JVM is stopping: the hook is running or has run.
      }
    }
    hub.stop();
  }

  private static void goodbye(Hub hub) {
    try {
      hub.stop();
    } catch (RuntimeException e) {
      // The container got there first; its undeploy says goodbye.
      LOG.log(Level.FINE, "goodbye from the shutdown hook failed", e);
    }
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

  /** Herald's classes where this one came from: the herald-ee jar, or a folder in tests. */
  private static void preloadLibrary(ClassLoader loader) {
    try {
      URL where = ShutdownListener.class.getProtectionDomain().getCodeSource().getLocation();
      Path root = Path.of(where.toURI());
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root.resolve("io/herald"))) {
          files
              .map(f -> root.relativize(f).toString().replace(File.separatorChar, '/'))
              .filter(n -> n.endsWith(".class"))
              .forEach(n -> load(n.substring(0, n.length() - 6).replace('/', '.'), loader));
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.startsWith("io/herald/") && n.endsWith(".class"))
              .forEach(n -> load(n.substring(0, n.length() - 6).replace('/', '.'), loader));
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // A server that hides the code source: the goodbye may then fail half-written on undeploy.
      LOG.log(Level.WARNING, "Herald's classes not preloaded", e);
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
