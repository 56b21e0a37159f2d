package io.herald.it.app;

import io.herald.api.ClientSubscribing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test-only {@link ClientSubscribing} observer: refuses any subscribe or history read of a topic
 * ending in {@code /vetoed}, naming the caller, the topic, the transport and what was asked.
 */
@ApplicationScoped
public class VetoingObserver {
  void vet(@Observes ClientSubscribing s) {
    for (String t : s.topics()) {
      if (t.endsWith("/vetoed")) {
        String who = s.caller() == null ? "anonymous" : s.caller().getName();
        s.refuse(who + " may not watch " + t + " (" + s.transport() + ", " + s.reading() + ")");
      }
    }
  }
}
