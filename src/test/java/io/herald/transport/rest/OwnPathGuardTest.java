package io.herald.transport.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.ops.AdminResource;
import io.herald.transport.poll.MessagesResource;
import org.junit.jupiter.api.Test;

/** Which resources the guard keeps behind Herald's security filter. */
class OwnPathGuardTest {
  @Test
  void heraldsResourcesAreGuardedAndOthersAreNot() {
    assertTrue(OwnPathGuard.isHeralds(MessagesResource.class));
    assertTrue(OwnPathGuard.isHeralds(PublishResource.class));
    assertTrue(OwnPathGuard.isHeralds(AdminResource.class));
    assertFalse(OwnPathGuard.isHeralds(io.herald.it.app.TestPublisherResource.class));
    assertFalse(OwnPathGuard.isHeralds(String.class));
  }
}
