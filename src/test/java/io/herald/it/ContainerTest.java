package io.herald.it;

import java.net.URI;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of container tests: runs against the shared Payara Micro deployment ({@link Deployments}) as
 * a client, over loopback. Gives each test a fresh topic prefix so tests never see each other's
 * messages.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ContainerTest {
  @ArquillianResource URL deployment;

  /** HTTP client for this test's server. */
  protected Http http;

  /** A topic prefix unique to this test method. */
  protected String prefix;

  @BeforeEach
  void connect() {
    http = new Http(base());
    prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/";
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
