package io.herald.it;

import io.herald.portability.PortabilitySmoke;
import java.net.URI;

/**
 * The {@link PortabilitySmoke} on the shared Payara Micro deployment, so the reference server
 * passes exactly what every other server must ({@code io.herald.portability.ServerSmokeIT}).
 */
class PortabilitySmokeIT extends ContainerTest implements PortabilitySmoke {
  @Override
  public URI base() {
    return super.base();
  }
}
