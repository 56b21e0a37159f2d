package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.error.HeraldException;
import io.herald.security.Caller;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminGuardTest {
  private static final Caller ADMIN =
      new Caller("ann", List.of(), List.of(), Set.of(Caller.ADMIN_ROLE), Instant.MAX);
  private static final Caller PUBLISHER =
      new Caller("bob", List.of(), List.of(), Set.of(Caller.PUBLISHER_ROLE), Instant.MAX);

  private static AdminGuard guard(String token) {
    AdminGuard g = new AdminGuard();
    g.settings = new OpsSettings(Optional.ofNullable(token), 10, "INFO", "INFO", List.of(), 0.9);
    return g;
  }

  private static String refusal(AdminGuard g, Principal caller, String token) {
    HeraldException e = assertThrows(HeraldException.class, () -> g.check(caller, token));
    return e.failure().status() + " " + e.failure().code() + " " + e.failure().challenge();
  }

  @Test
  void aCallerInTheAdminRoleOrTheExactTokenIsAdmitted() {
    assertDoesNotThrow(() -> guard(null).check(ADMIN, null));
    assertDoesNotThrow(() -> guard(" s3cret ").check(null, "s3cret"));
    assertDoesNotThrow(() -> guard("s3cret").check(PUBLISHER, "s3cret"));
  }

  @Test
  void anyoneElseIs401WithAChallengeOr403WhenAuthenticatedWithoutTheRole() {
    assertEquals("401 http-401 Bearer realm=\"herald\"", refusal(guard(null), null, null));
    assertEquals("401 http-401 Bearer realm=\"herald\"", refusal(guard("s3cret"), null, "s3cre"));
    assertEquals("403 http-403 null", refusal(guard("s3cret"), PUBLISHER, null));
    // A wrong token is a credential problem even for a signed-in caller.
    assertEquals("401 http-401 Bearer realm=\"herald\"", refusal(guard("s3cret"), PUBLISHER, "x"));
  }

  @Test
  void withNoTokenConfiguredNoTokenAdmitsEvenAnEmptyOne() {
    assertEquals("401 http-401 Bearer realm=\"herald\"", refusal(guard(""), null, ""));
    assertEquals("401 http-401 Bearer realm=\"herald\"", refusal(guard("  "), null, ""));
  }

  @Test
  void aPrincipalThatIsNotHeraldsCallerHasNoRoles() {
    Principal container = () -> "container-user";
    assertEquals("403 http-403 null", refusal(guard(null), container, null));
  }
}
