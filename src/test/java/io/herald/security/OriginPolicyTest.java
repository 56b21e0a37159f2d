package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Origin decisions as a table: for each origin, host and allow-list, whether it is the same origin,
 * trusted with the session (cookies), and allowed at all; the one-parse {@link
 * OriginPolicy#standing} agrees, and calls every other origin cross-origin.
 */
class OriginPolicyTest {
  private static final String NONE = "";
  private static final String LISTED = "https://app.example.com, http://localhost:3000/";
  private static final String STAR = "*";
  private static final String LISTED_AND_STAR = "https://app.example.com,*";

  static Stream<Arguments> table() {
    return Stream.of(
        // origin, host, allowed-origins -> same, trusted, allowed
        row(null, "herald.io", NONE, false, true, true),
        row(null, null, NONE, false, true, true),
        row("https://herald.io", "herald.io", NONE, true, true, true),
        row("https://herald.io", "HERALD.IO", NONE, true, true, true),
        row("https://herald.io:8443", "herald.io:8443", NONE, true, true, true),
        row("https://herald.io:8443", "herald.io", NONE, false, false, false),
        row("https://herald.io", "herald.io:443", NONE, true, true, true),
        row("http://herald.io", "herald.io:80", NONE, true, true, true),
        row("http://herald.io", "herald.io:443", NONE, false, false, false),
        row("https://herald.io", "herald.io:80", NONE, false, false, false),
        row("https://herald.io", null, NONE, false, false, false),
        row("https://evil.io", "herald.io", NONE, false, false, false),
        row("https://herald.io.evil.io", "herald.io", NONE, false, false, false),
        // Malformed or host-less origins are never the same origin.
        row("null", "herald.io", NONE, false, false, false),
        row("not a uri", "herald.io", NONE, false, false, false),
        row("herald.io", "herald.io", NONE, false, false, false),
        row("file:///etc/passwd", "herald.io", NONE, false, false, false),
        // Allow-list: exact, case-insensitive, trailing slash in the setting ignored.
        row("https://app.example.com", "herald.io", LISTED, false, true, true),
        row("HTTPS://APP.EXAMPLE.COM", "herald.io", LISTED, false, true, true),
        row("http://localhost:3000", "herald.io", LISTED, false, true, true),
        row("http://app.example.com", "herald.io", LISTED, false, false, false),
        row("https://app.example.com:8443", "herald.io", LISTED, false, false, false),
        row("https://sub.app.example.com", "herald.io", LISTED, false, false, false),
        // The * wildcard lets any origin in, but never trusts it with the session.
        row("https://evil.io", "herald.io", STAR, false, false, true),
        row("not a uri", "herald.io", STAR, false, false, true),
        row("https://herald.io", "herald.io", STAR, true, true, true),
        row("https://app.example.com", "herald.io", LISTED_AND_STAR, false, true, true),
        row("https://evil.io", "herald.io", LISTED_AND_STAR, false, false, true));
  }

  @ParameterizedTest(name = "{0} to {1} with [{2}]")
  @MethodSource("table")
  void decides(
      String origin,
      String host,
      String allowedOrigins,
      boolean same,
      boolean trusted,
      boolean allowed) {
    OriginPolicy policy = new OriginPolicy();
    policy.settings =
        allowedOrigins.isEmpty()
            ? TestSettings.of()
            : TestSettings.of("herald.security.allowed-origins", allowedOrigins);
    String actual =
        (origin == null ? "-" : policy.sameOrigin(origin, host))
            + " "
            + policy.trusted(origin, host)
            + " "
            + policy.allowed(origin, host);
    String expected = (origin == null ? "-" : same) + " " + trusted + " " + allowed;
    assertEquals(expected, actual, "same trusted allowed");
    OriginPolicy.Standing standing = policy.standing(origin, host);
    assertEquals(
        trusted + " " + allowed + " " + (origin != null && !same),
        standing.trusted() + " " + standing.allowed() + " " + standing.crossOrigin(),
        "standing " + standing + ": trusted allowed cross-origin");
  }

  private static Arguments row(
      String origin,
      String host,
      String allowedOrigins,
      boolean same,
      boolean trusted,
      boolean allowed) {
    return Arguments.of(origin, host, allowedOrigins, same, trusted, allowed);
  }
}
