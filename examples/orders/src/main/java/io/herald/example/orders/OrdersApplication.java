package io.herald.example.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The application's JAX-RS application under {@code /rest}, beside Herald's under {@code /api}. It
 * lists its classes so that {@code /rest} holds only the application's resources (with an empty
 * list JAX-RS would serve Herald's there too; docs/embedding.md). Container-managed.
 */
@ApplicationPath("rest")
public class OrdersApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(OrdersResource.class);
  }
}
