package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPatternTest {

  @Test
  void singleStarStaysInsideOneSegment() {
    TopicPattern p = TopicPattern.of("prices/*");
    assertTrue(p.matches("prices/eur", null));
    assertTrue(p.matches("prices/", null));
    assertFalse(p.matches("prices/eur/usd", null));
    assertFalse(p.matches("prices", null));
    assertFalse(p.matches("xprices/eur", null));
  }

  @Test
  void doubleStarCrossesSegments() {
    assertTrue(TopicPattern.of("a/**").matches("a/b/c/d", null));
    assertFalse(TopicPattern.of("a/**").matches("ab/c", null));
    assertTrue(TopicPattern.of("**").matches("anything/at/all", null));
    assertTrue(TopicPattern.of("a/*/c").matches("a/b/c", null));
    assertFalse(TopicPattern.of("a/*/c").matches("a/b/x/c", null));
  }

  @Test
  void literalCharactersAreNotRegex() {
    TopicPattern p = TopicPattern.of("a.b");
    assertTrue(p.matches("a.b", null));
    assertFalse(p.matches("axb", null));
  }

  @Test
  void subjectPlaceholderIsTheCallersOwnSubjectOnly() {
    TopicPattern p = TopicPattern.of("user/{sub}/*");
    assertTrue(p.matches("user/alice/inbox", "alice"));
    assertFalse(p.matches("user/bob/inbox", "alice"));
    assertFalse(p.matches("user/alice/inbox", null), "anonymous has no subject");
    // A subject that is not one safe segment cannot widen the pattern.
    assertFalse(p.matches("user/a/b/inbox", "a/b"));
    assertFalse(p.matches("user/x/inbox", ".*"));
    assertFalse(TopicPattern.of("user/{sub}").matches("user/alice", "ali*"));
  }

  @Test
  void blankPatternsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TopicPattern.of(" "));
    assertThrows(IllegalArgumentException.class, () -> TopicPattern.of(null));
  }

  @Test
  void callerOfAPrincipal() {
    assertEquals(Caller.ANONYMOUS, Caller.of(null));
    assertFalse(Caller.ANONYMOUS.authenticated());
    Caller other = Caller.of(() -> "container-user");
    assertEquals("container-user", other.subject());
    assertTrue(other.subscribe().isEmpty() && other.publish().isEmpty() && other.roles().isEmpty());
  }

  @Test
  void expiryAllowsTheClockSkewOnce() {
    SecuritySettings s = TestSettings.of("herald.security.clock-skew", "PT30S");
    Instant exp = Instant.ofEpochSecond(100);
    assertFalse(s.expired(exp, Instant.ofEpochSecond(110)));
    assertFalse(s.expired(exp, Instant.ofEpochSecond(129)));
    assertTrue(s.expired(exp, Instant.ofEpochSecond(130)));
    assertFalse(s.expired(null, Instant.MAX));
  }

  @Test
  void noPatternMatchesAnInternalTopic() {
    for (String p : List.of("**", "*/*", "herald-internal/**", "herald-internal/admin")) {
      assertFalse(TopicPattern.of(p).matches("herald-internal/admin", null), p);
      assertFalse(TopicPattern.of(p).matches("herald-internal/admin", "admin"), p);
    }
    assertTrue(TopicPattern.of("**").matches("herald-internals", null));
  }

  @Test
  void ticketIsReadFromTheRawQueryString() {
    assertEquals("a b", Authenticator.queryParameter("topic=x&ticket=a%20b", "ticket"));
    assertEquals("", Authenticator.queryParameter("ticket", "ticket"));
    assertNull(Authenticator.queryParameter("xticket=1&topic=t", "ticket"));
    assertNull(Authenticator.queryParameter(null, "ticket"));
  }
}
