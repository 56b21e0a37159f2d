package io.herald.it.app;

import io.herald.api.ClientPublishing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;

/**
 * Test-only {@link ClientPublishing} observer: rejects publishes to {@code guarded/*} whose data is
 * the string {@code "forbidden"}, and upper-cases string data published to {@code shout}.
 */
@ApplicationScoped
public class RejectingObserver {
  void check(@Observes ClientPublishing p) {
    if (p.topic().startsWith("guarded/") && "\"forbidden\"".equals(p.data().toString())) {
      p.reject("forbidden word");
    }
    if (p.topic().equals("shout") && p.data() instanceof jakarta.json.JsonString s) {
      p.data(Json.createValue(s.getString().toUpperCase(java.util.Locale.ROOT)));
    }
  }
}
