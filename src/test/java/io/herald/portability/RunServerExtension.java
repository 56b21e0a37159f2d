package io.herald.portability;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link RunServerContainer} as Arquillian's container. Listed in {@code
 * src/test/resources-servers/META-INF/services}, which only the {@code suite-<server>} failsafe
 * executions add to the class path (in place of the Payara Micro adapter). Stateless.
 */
public class RunServerExtension implements LoadableExtension {
  @Override
  public void register(ExtensionBuilder builder) {
    builder.service(DeployableContainer.class, RunServerContainer.class);
  }
}
