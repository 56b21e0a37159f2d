package io.herald.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.api.ClientSubscribing;
import io.herald.api.ClientSubscribing.Reading;
import io.herald.error.Failure;
import io.herald.security.AccessDeniedException;
import io.herald.security.AccessPolicy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy is asked first; then the application's observers, whose refusal is a 403. */
class SubscribeGateTest {
  private static final Principal ALICE = () -> "alice";
  private final List<ClientSubscribing> seen = new ArrayList<>();

  private static final class Policy extends AccessPolicy {
    @Override
    public void checkSubscribe(Principal principal, List<String> topics) {
      if (topics.contains("secret")) {
        throw new AccessDeniedException("policy says no");
      }
    }
  }

  private final SubscribeGate gate =
      new SubscribeGate(
          new Policy(),
          e -> {
            seen.add(e);
            if (e.topics().contains("orders/42") && e.caller() != null) {
              e.refuse(e.caller().getName() + " may not watch orders/42");
            }
          });

  @Test
  void anAllowedRequestPassesWithWhatTheObserverSaw() {
    gate.check(ALICE, List.of("orders/1"), "sse", Reading.SUBSCRIBE);

    assertEquals(1, seen.size());
    assertEquals("sse", seen.get(0).transport());
    assertEquals(Reading.SUBSCRIBE, seen.get(0).reading());
  }

  @Test
  void anObserversRefusalIsForbiddenWithItsReason() {
    AccessDeniedException e =
        assertThrows(
            AccessDeniedException.class,
            () -> gate.check(ALICE, List.of("orders/42"), "http", Reading.HISTORY));

    Failure f = Failure.of(e);
    assertEquals("forbidden", f.code());
    assertEquals(403, f.status());
    assertEquals("alice may not watch orders/42", f.message());
  }

  @Test
  void thePolicyRefusesFirstAndObserversAreNotAsked() {
    assertThrows(
        AccessDeniedException.class,
        () -> gate.check(ALICE, List.of("secret"), "websocket", Reading.SUBSCRIBE));
    assertEquals(List.of(), seen);
  }
}
