package io.herald.portability;

import io.herald.testkit.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * An Arquillian container that deploys the shared test deployment ({@link
 * io.herald.it.Deployments}) on a server other than Payara Micro by starting that server with
 * {@code bin/run-server} (through {@link RunServer}), exactly as the portability smoke does, so the
 * {@code io.herald.it} suite runs unchanged there: its tests are black-box HTTP and WebSocket
 * clients that need only the deployment's URL. The WAR (the build's plus the test beans) is
 * exported to {@code target/servers/<server>-it.war}; the settings the Payara run gets ({@code
 * payara.cmdOptions}'s {@code -D} options and {@code server-config/demo.properties}) go to the
 * server as system properties through {@code target/servers/<server>-it.properties}.
 *
 * <p>Registered by {@link RunServerExtension}, which only the {@code suite-<server>} failsafe
 * executions put on the class path (standalone.pom.xml, {@code -Pall-servers}); they name the
 * server ({@code herald.server}), its installation ({@code herald.server.home}) and a free port
 * ({@code herald.server.port}). Arquillian calls it from the test thread; not thread-safe.
 */
public class RunServerContainer implements DeployableContainer<RunServerContainer.Settings> {
  /** Nothing to configure in arquillian.xml: the failsafe execution names the server. */
  public static final class Settings implements ContainerConfiguration {
    @Override
    public void validate() {}
  }

  private ServerProcess server;

  @Override
  public Class<Settings> getConfigurationClass() {
    return Settings.class;
  }

  @Override
  public ProtocolDescription getDefaultProtocol() {
    // The deployment is testable=false: tests run on the client, no protocol is packaged.
    return new ProtocolDescription("Local");
  }

  @Override
  public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    String name = RunServer.required("herald.server");
    int port = Integer.parseInt(RunServer.required("herald.server.port"));
    try {
      Path dir = Files.createDirectories(Path.of("target", "servers"));
      Path war = dir.resolve(name + "-it.war").toAbsolutePath();
      archive.as(ZipExporter.class).exportTo(war.toFile(), true);
      Path settings = dir.resolve(name + "-it.properties").toAbsolutePath();
      Files.write(settings, settings());
      server =
          RunServer.start(
              name,
              RunServer.required("herald.server.home"),
              port,
              Map.of(
                  "HERALD_WAR", war.toString(), "HERALD_SYSTEM_PROPERTIES", settings.toString()));
    } catch (Exception | AssertionError e) {
      throw new DeploymentException("could not start " + name + " with the test deployment", e);
    }
    return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", port));
  }

  /**
   * The Payara run's settings as properties lines: {@code server-config/demo.properties}, then each
   * {@code -Dkey=value} of {@code payara.cmdOptions} (later lines win). The JWT key settings are
   * left to {@link RunServer}'s environment, which gives the key as the {@code file:} URL TomEE
   * needs.
   */
  static List<String> settings() throws IOException {
    List<String> lines =
        new ArrayList<>(Files.readAllLines(Path.of("server-config", "demo.properties")));
    for (String option : System.getProperty("payara.cmdOptions", "").trim().split("\\s+")) {
      if (option.startsWith("-D") && option.contains("=") && !option.startsWith("-Dmp.jwt.")) {
        lines.add(option.substring(2));
      }
    }
    return lines;
  }

  @Override
  public void undeploy(Archive<?> archive) {
    if (server != null) {
      server.stopTree(Duration.ofSeconds(30));
      server = null;
    }
  }
}
