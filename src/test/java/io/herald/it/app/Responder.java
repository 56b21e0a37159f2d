package io.herald.it.app;

import io.herald.api.ClientRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test-only {@link ClientRequest} observer, by the topic's last segment: {@code echo} replies with
 * the data and the caller, {@code later} replies 100 ms later from another thread, {@code fail}
 * fails with {@code out-of-stock}, {@code silent} never answers (the request times out).
 */
@ApplicationScoped
public class Responder {
  void answer(@Observes ClientRequest r) {
    String name = r.topic().substring(r.topic().lastIndexOf('/') + 1);
    switch (name) {
      case "echo" ->
          r.reply(
              Json.createObjectBuilder()
                  .add("echo", r.data())
                  .add("caller", r.caller() == null ? "anonymous" : r.caller().getName())
                  .add("transport", r.transport())
                  .build());
      case "later" ->
          CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
              .execute(() -> r.reply(r.data()));
      case "fail" -> r.fail("out-of-stock", "none left");
      default -> {
        // "silent" and anything else: no answer.
      }
    }
  }
}
