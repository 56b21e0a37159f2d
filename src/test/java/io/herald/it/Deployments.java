package io.herald.it;

import io.herald.it.app.TestPublisherResource;
import java.io.File;
import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every container test shares: the WAR the build produced (so tests exercise
 * exactly what ships), plus test-only beans under {@code io.herald.it.app}.
 */
@ArquillianSuiteDeployment
public final class Deployments {
  private Deployments() {}

  @Deployment(testable = false)
  public static WebArchive herald() {
    File war = new File(System.getProperty("herald.war", "target/ROOT.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addPackage(TestPublisherResource.class.getPackage());
  }
}
