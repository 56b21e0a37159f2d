package io.herald.it;

import io.herald.testkit.Http;
import io.herald.testkit.SseClient;
import io.herald.testkit.WsClient;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of container tests: runs against the shared deployment ({@link Deployments}) as a client,
 * over loopback: on Payara Micro, or with {@code -Pall-servers} on another server
 * (docs/servers.md). Gives each test a fresh topic prefix so tests never see each other's messages.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ContainerTest {
  @ArquillianResource URL deployment;

  /** HTTP client for this test's server. */
  protected Http http;

  /** A topic prefix unique to this test method. */
  protected String prefix;

  private static volatile boolean answering;

  @BeforeEach
  void connect() {
    http = new Http(base());
    prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/";
    if (!answering) {
      awaitAnswering();
      answering = true;
    }
  }

  /**
   * Waits once, before the first test, until the shared server serves {@code /herald.js}. The
   * server settings are pre-boot commands, so the HTTP listener is not restarted after the adapter
   * saw the deployment; this guards against what remains between that and a first answer (a slow
   * first request on a busy machine, a late-starting application), at the cost of one request.
   */
  private void awaitAnswering() {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        if (http.get("herald.js").status() == 200) {
          return;
        }
      } catch (UncheckedIOException refused) {
        if (System.nanoTime() > end) {
          throw refused;
        }
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("the test server did not serve /herald.js within 60 s");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Whether the deployment runs on Payara Micro (the Arquillian adapter), not on another server
   * started by {@code io.herald.portability.RunServerContainer}, which sets {@code herald.server}.
   * Only for assertions about Payara's own endpoints.
   */
  protected static boolean onPayara() {
    return System.getProperty("herald.server") == null;
  }

  /** The deployment's root, e.g. {@code http://127.0.0.1:PORT/}, always on loopback. */
  protected URI base() {
    return URI.create("http://127.0.0.1:" + deployment.getPort() + "/");
  }

  /** Opens a WebSocket to {@code /api/ws}. */
  protected WsClient ws() {
    return WsClient.open(base().resolve("api/ws"));
  }

  /** Opens an SSE stream; {@code query} is appended to {@code /api/sse?}. */
  protected SseClient sse(String query) {
    return SseClient.open(base().resolve("api/sse?" + query), null);
  }

  /** Opens an SSE stream sending a {@code Last-Event-ID} header. */
  protected SseClient sse(String query, String lastEventId) {
    return SseClient.open(base().resolve("api/sse?" + query), lastEventId);
  }
}
