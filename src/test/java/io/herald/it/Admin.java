package io.herald.it;

import io.herald.testkit.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Calls the admin API with the test deployment's admin token, and waits for conditions. */
public final class Admin {
  /** Must match {@code herald.admin.token} given to the test server in the pom. */
  public static final String TOKEN = "it-admin-token";

  private final Http http;

  public Admin(Http http) {
    this.http = http;
  }

  public Http.Answer get(String path) {
    return http.send(
        HttpRequest.newBuilder(http.uri("api/admin/" + path))
            .header("X-Herald-Admin-Token", TOKEN)
            .GET());
  }

  public Http.Answer post(String path, String body) {
    return http.send(
        HttpRequest.newBuilder(http.uri("api/admin/" + path))
            .header("X-Herald-Admin-Token", TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Waits up to {@code timeout} for {@code condition}; fails with {@code what} otherwise. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
