package io.herald.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Test-only: reads the {@link ConnectionLog}. Request-scoped. */
@Path("test/connections")
@RequestScoped
public class ConnectionLogResource {
  @Inject ConnectionLog log;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String lines(@QueryParam("caller") String caller) {
    return String.join("\n", log.of(caller));
  }
}
