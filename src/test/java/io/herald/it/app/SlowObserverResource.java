package io.herald.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Test-only: drives the {@link SlowObserver}. Request-scoped. */
@Path("test/slow")
@RequestScoped
public class SlowObserverResource {
  @Inject SlowObserver observer;

  @GET
  public String state() {
    return observer.blocked() ? "blocked" : "idle";
  }

  @POST
  public void release() {
    observer.release();
  }
}
