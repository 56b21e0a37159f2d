package io.herald.it.health;

import io.herald.it.app.TestPublisherResource;
import io.herald.testkit.OwnPayara;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the Payara Micro of their own that the connection-health and redeploy tests use: the test
 * key trusted, every topic public (their raw streams are anonymous; refusals are tested in the
 * {@code *SecurityIT} classes), no HTTP publish rate (they publish bursts from one address), and
 * watched for redeploys.
 *
 * <p>Stateless; called by the tests of this package.
 */
final class PayaraServer {
  private PayaraServer() {}

  /** Starts a server with these extra {@code herald.*} settings and waits until it answers. */
  static OwnPayara start(Map<String, String> settings) {
    return OwnPayara.builder(
            TestPublisherResource.class.getPackage(), Path.of("target", "failsafe-reports"))
        .trustTestKey()
        .property("herald.security.public-topics", "**")
        .property("herald.security.public-publish", "**")
        .property("herald.limits.http-publish-rate", "0")
        .properties(settings)
        .hotDeploy()
        .start();
  }
}
