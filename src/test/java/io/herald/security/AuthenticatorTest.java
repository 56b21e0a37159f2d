package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a ticket counts as a credential, and how long a container session's caller lasts. */
class AuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Caller ALICE =
      new Caller("alice", List.of(TopicPattern.of("a/*")), List.of(), Set.of(), null);

  private final Authenticator authenticator = new Authenticator();
  private final Tickets tickets = new Tickets(Clock.fixed(NOW, ZoneOffset.UTC));

  AuthenticatorTest() {
    SecuritySettings settings =
        TestSettings.of(
            "herald.security.session-ttl", "PT10M", "herald.security.session.subscribe", "s/**");
    tickets.settings = settings;
    authenticator.tickets = tickets;
    authenticator.settings = settings;
    authenticator.clock = Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Test
  void aTicketOpensAnSseStream() {
    String ticket = tickets.issue(ALICE);
    Caller c = authenticator.authenticate(request("GET", "/api/sse", null, ticket, null), true);
    assertSame(ALICE, c);
  }

  @Test
  void aTicketOpensAWebSocket() {
    String ticket = tickets.issue(ALICE);
    Caller c =
        authenticator.authenticate(request("GET", "/api/ws", "websocket", ticket, null), true);
    assertSame(ALICE, c);
  }

  @Test
  void aTicketIsRefusedUnredeemedAnywhereElse() {
    String ticket = tickets.issue(ALICE);
    for (String[] where :
        new String[][] {
          {"GET", "/api/messages", null},
          {"GET", "/api/poll", null},
          {"POST", "/api/publish", null},
          {"POST", "/api/ticket", null},
          {"POST", "/api/sse", null},
          {"GET", "/api/sse/x", null},
          {"GET", "/api/poll", "websocket"},
        }) {
      AuthenticationException e =
          assertThrows(
              AuthenticationException.class,
              () ->
                  authenticator.authenticate(
                      request(where[0], where[1], where[2], ticket, null), true),
              String.join(" ", where[0], where[1]));
      assertEquals("ticket-not-accepted", e.code());
      assertEquals(401, e.status());
      assertEquals(
          "a ticket opens one SSE stream or WebSocket connection and nothing else", e.getMessage());
    }
    assertSame(
        ALICE, authenticator.authenticate(request("GET", "/api/sse", null, ticket, null), true));
  }

  @Test
  void aContainerSessionCallerExpiresAfterTheSessionTtl() {
    Caller c =
        authenticator.authenticate(request("GET", "/api/messages", null, null, "carol"), true);
    assertEquals("carol", c.subject());
    assertEquals(NOW.plusSeconds(600), c.expires());
    assertEquals("[s/**]", c.subscribe().toString());
  }

  @Test
  void theSessionTtlDefaultsToOneHour() {
    authenticator.settings = TestSettings.of();
    Caller c =
        authenticator.authenticate(request("GET", "/api/messages", null, null, "carol"), true);
    assertEquals(NOW.plusSeconds(3600), c.expires());
  }

  /** A request with just what the authenticator reads; anything else it asks for fails the test. */
  private static HttpServletRequest request(
      String method, String path, String upgrade, String ticket, String user) {
    Principal principal = user == null ? null : () -> user;
    Map<String, Object> answers = new java.util.HashMap<>();
    answers.put("getMethod", method);
    answers.put("getRequestURI", "/ctx" + path);
    answers.put("getContextPath", "/ctx");
    answers.put("getQueryString", ticket == null ? "topic=x" : "topic=x&ticket=" + ticket);
    answers.put("getUserPrincipal", principal);
    answers.put("getServletPath", path);
    answers.put("getPathInfo", null);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) -> {
              switch (m.getName()) {
                case "getHeader":
                  return header(upgrade, (String) args[0]);
                case "getHeaders":
                  String value = header(upgrade, (String) args[0]);
                  return java.util.Collections.enumeration(
                      value == null ? java.util.List.of() : java.util.List.of(value));
                case "isUserInRole":
                  return false;
                default:
                  if (answers.containsKey(m.getName())) {
                    return answers.get(m.getName());
                  }
                  throw new AssertionError("unexpected call " + m.getName());
              }
            });
  }

  /** The headers of a WebSocket handshake when {@code upgrade} is given, else none. */
  private static String header(String upgrade, String name) {
    if (upgrade == null) {
      return null;
    }
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "upgrade" -> upgrade;
      case "connection" -> "Upgrade";
      case "sec-websocket-key" -> "dGhlIHNhbXBsZSBub25jZQ==";
      default -> null;
    };
  }
}
