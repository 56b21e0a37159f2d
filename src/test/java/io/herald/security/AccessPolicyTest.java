package io.herald.security;

import static io.herald.security.AccessPolicyTest.Op.PUBLISH;
import static io.herald.security.AccessPolicyTest.Op.SUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules as one table: who asks (anonymous, token with patterns, container login, roles,
 * expired credentials), under which settings, for what, and the exact outcome. History ({@code
 * MessagesResource}) and resuming a subscription go through {@link AccessPolicy#checkSubscribe}
 * like a subscribe, so the {@code SUBSCRIBE} rows cover them.
 */
class AccessPolicyTest {
  private static final Instant LATER = Instant.now().plusSeconds(3600);
  private static final Instant EARLIER = Instant.now().minusSeconds(31);

  /** Past {@code exp} but inside the 30 s clock skew token verification allows. */
  private static final Instant WITHIN_SKEW = Instant.now().minusSeconds(10);

  /** Closed defaults: nothing public. */
  private static final SecuritySettings CLOSED = TestSettings.of();

  /** Public subscribe to {@code news/**} and {@code status}; anyone may publish to chat/open/*. */
  private static final SecuritySettings OPEN =
      TestSettings.of(
          "herald.security.public-topics", "news/**, status",
          "herald.security.public-publish", "chat/open/*");

  /** Everything public, both ways: still not the internal topics. */
  private static final SecuritySettings ALL_PUBLIC =
      TestSettings.of(
          "herald.security.public-topics", "**", "herald.security.public-publish", "**");

  private static final SecuritySettings NO_SKEW =
      TestSettings.of("herald.security.clock-skew", "PT0S");

  private static final String FEED = "herald-internal/admin";

  private static final Principal ANONYMOUS = null;
  private static final Caller ALICE =
      token("alice", List.of("prices/*", "user/{sub}/**"), List.of("chat/{sub}"), Set.of(), LATER);
  private static final Caller EVERYTHING =
      token("root", List.of("**"), List.of("**"), Set.of(), LATER);
  private static final Caller EXPIRED =
      token("old", List.of("**"), List.of("**"), Set.of(), EARLIER);
  private static final Caller SKEWED =
      token("skew", List.of("**"), List.of("**"), Set.of(), WITHIN_SKEW);
  private static final Caller ADMIN_EXPIRED =
      token("ada", List.of(), List.of(), Set.of(Caller.ADMIN_ROLE), EARLIER);
  private static final Caller UNSAFE_SUBJECT =
      token("a/b", List.of("user/{sub}/**"), List.of("user/{sub}/**"), Set.of(), LATER);
  private static final Caller SESSION =
      token("carol", List.of("team/*"), List.of(), Set.of(), null);
  private static final Principal PLAIN_LOGIN = () -> "dave";
  private static final Caller SUBSCRIBER =
      token("sam", List.of(), List.of(), Set.of(Caller.SUBSCRIBER_ROLE), null);
  private static final Caller PUBLISHER =
      token("pat", List.of(), List.of(), Set.of(Caller.PUBLISHER_ROLE), LATER);
  private static final Caller BOTH_ROLES =
      token(
          "bo", List.of(), List.of(), Set.of(Caller.SUBSCRIBER_ROLE, Caller.PUBLISHER_ROLE), null);
  private static final Caller ADMIN =
      token("ada", List.of(), List.of(), Set.of(Authenticator.ADMIN_ROLE), null);

  private static final String OK = "allowed";

  enum Op {
    SUBSCRIBE,
    PUBLISH
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // Anonymous, closed defaults: told to authenticate.
        row("anonymous", ANONYMOUS, CLOSED, SUBSCRIBE, "news/today", login("news/today")),
        row("anonymous", ANONYMOUS, CLOSED, PUBLISH, "chat/open/1", login("chat/open/1")),
        row("Caller.ANONYMOUS", Caller.ANONYMOUS, CLOSED, SUBSCRIBE, "news/x", login("news/x")),
        // Anonymous, public settings.
        row("anonymous", ANONYMOUS, OPEN, SUBSCRIBE, "news/today", ok()),
        row("anonymous", ANONYMOUS, OPEN, SUBSCRIBE, "news/a/b/c", ok()),
        row("anonymous", ANONYMOUS, OPEN, SUBSCRIBE, "status", ok()),
        row("anonymous, near miss", ANONYMOUS, OPEN, SUBSCRIBE, "statusx", login("statusx")),
        row("anonymous, near miss", ANONYMOUS, OPEN, SUBSCRIBE, "newsroom", login("newsroom")),
        row("anonymous, one refused", ANONYMOUS, OPEN, SUBSCRIBE, "news/a secret", login("secret")),
        row("anonymous", ANONYMOUS, OPEN, PUBLISH, "chat/open/1", ok()),
        row("* is one segment", ANONYMOUS, OPEN, PUBLISH, "chat/open/1/2", login("chat/open/1/2")),
        row("anonymous, public topic", ANONYMOUS, OPEN, PUBLISH, "news/today", login("news/today")),
        // A token with patterns.
        row("token", ALICE, CLOSED, SUBSCRIBE, "prices/eur", ok()),
        row("* one segment", ALICE, CLOSED, SUBSCRIBE, "prices/eur/usd", denied("prices/eur/usd")),
        row("token, own {sub}", ALICE, CLOSED, SUBSCRIBE, "user/alice/inbox/1", ok()),
        row("other {sub}", ALICE, CLOSED, SUBSCRIBE, "user/bob/in", denied("user/bob/in")),
        row("one refused", ALICE, CLOSED, SUBSCRIBE, "prices/eur user/bob/x", denied("user/bob/x")),
        row("token, first refused", ALICE, CLOSED, SUBSCRIBE, "s/a prices/eur s/b", denied("s/a")),
        row("token", ALICE, CLOSED, PUBLISH, "chat/alice", ok()),
        row("other {sub}", ALICE, CLOSED, PUBLISH, "chat/bob", denied("chat/bob")),
        row("token, subscribe grant", ALICE, CLOSED, PUBLISH, "prices/eur", denied("prices/eur")),
        row("token plus public", ALICE, OPEN, SUBSCRIBE, "news/x prices/eur status", ok()),
        row("token plus public", ALICE, OPEN, PUBLISH, "chat/open/7", ok()),
        row("token **", EVERYTHING, CLOSED, SUBSCRIBE, "any/deep/topic", ok()),
        row("token **", EVERYTHING, CLOSED, PUBLISH, "any/deep/topic", ok()),
        row("unsafe {sub}", UNSAFE_SUBJECT, CLOSED, SUBSCRIBE, "user/a/b/x", denied("user/a/b/x")),
        row("unsafe {sub}", UNSAFE_SUBJECT, CLOSED, PUBLISH, "user/a/b/x", denied("user/a/b/x")),
        // Expired credentials are refused before any rule, even for public topics.
        row("expired", EXPIRED, CLOSED, SUBSCRIBE, "a", expired()),
        row("expired", EXPIRED, CLOSED, PUBLISH, "a", expired()),
        row("expired, public topic", EXPIRED, OPEN, SUBSCRIBE, "news/today", expired()),
        row("expired, public publish", EXPIRED, OPEN, PUBLISH, "chat/open/1", expired()),
        // Container login with the configured session grants, or a plain principal.
        row("session", SESSION, CLOSED, SUBSCRIBE, "team/red", ok()),
        row("session", SESSION, CLOSED, SUBSCRIBE, "team/red/x", denied("team/red/x")),
        row("session", SESSION, CLOSED, PUBLISH, "team/red", denied("team/red")),
        row("plain principal", PLAIN_LOGIN, CLOSED, SUBSCRIBE, "x", denied("x")),
        row("plain principal", PLAIN_LOGIN, CLOSED, PUBLISH, "x", denied("x")),
        row("plain principal plus public", PLAIN_LOGIN, OPEN, SUBSCRIBE, "news/x", ok()),
        row("plain principal plus public", PLAIN_LOGIN, OPEN, PUBLISH, "chat/open/x", ok()),
        // Roles.
        row("subscriber role", SUBSCRIBER, CLOSED, SUBSCRIBE, "anything/at/all other", ok()),
        row("subscriber role", SUBSCRIBER, CLOSED, PUBLISH, "anything", denied("anything")),
        row("publisher role", PUBLISHER, CLOSED, PUBLISH, "any/topic", ok()),
        row("publisher role", PUBLISHER, CLOSED, SUBSCRIBE, "any/topic", denied("any/topic")),
        row("both roles", BOTH_ROLES, CLOSED, SUBSCRIBE, "x y/z", ok()),
        row("both roles", BOTH_ROLES, CLOSED, PUBLISH, "x", ok()),
        row("admin role grants no topics", ADMIN, CLOSED, SUBSCRIBE, "x", denied("x")),
        row("admin role grants no topics", ADMIN, CLOSED, PUBLISH, "x", denied("x")),
        // The clock skew applies after verification too (one skew for both).
        row("10 s past exp, 30 s skew", SKEWED, CLOSED, SUBSCRIBE, "a", ok()),
        row("10 s past exp, 30 s skew", SKEWED, CLOSED, PUBLISH, "a", ok()),
        row("10 s past exp, no skew", SKEWED, NO_SKEW, SUBSCRIBE, "a", expired()),
        // Internal topics: only the admin role subscribes; no pattern, role or setting grants them.
        row("admin role, internal", ADMIN, CLOSED, SUBSCRIBE, FEED, ok()),
        row("admin role, internal", ADMIN, CLOSED, PUBLISH, FEED, reserved(FEED)),
        row("admin role expired", ADMIN_EXPIRED, CLOSED, SUBSCRIBE, FEED, expired()),
        row("** token, internal", EVERYTHING, CLOSED, SUBSCRIBE, FEED, reserved(FEED)),
        row("** token, internal", EVERYTHING, CLOSED, PUBLISH, FEED, reserved(FEED)),
        row("subscriber role", SUBSCRIBER, CLOSED, SUBSCRIBE, "x " + FEED, reserved(FEED)),
        row("publisher role", PUBLISHER, CLOSED, PUBLISH, FEED, reserved(FEED)),
        row("anonymous, ** public", ANONYMOUS, ALL_PUBLIC, SUBSCRIBE, FEED, reservedLogin(FEED)),
        row("anonymous, ** public", ANONYMOUS, ALL_PUBLIC, PUBLISH, FEED, reservedLogin(FEED)),
        row("anonymous, ** public", ANONYMOUS, ALL_PUBLIC, SUBSCRIBE, "any/x", ok()));
  }

  @ParameterizedTest(name = "{0} {3} {4} -> {5}")
  @MethodSource("table")
  void decides(
      String who,
      Principal principal,
      SecuritySettings settings,
      Op op,
      String topics,
      String expected) {
    AccessPolicy policy = new AccessPolicy();
    policy.settings = settings;
    String outcome =
        outcome(
            () -> {
              if (op == SUBSCRIBE) {
                policy.checkSubscribe(principal, List.of(topics.split(" ")));
              } else {
                policy.checkPublish(principal, topics);
              }
            });
    assertEquals(expected, outcome, who);
  }

  /** The outcome as the transports report it: status, code and message. */
  static String outcome(Runnable check) {
    try {
      check.run();
      return OK;
    } catch (AuthenticationException e) {
      return "401 " + e.code() + ": " + e.getMessage();
    } catch (AccessDeniedException e) {
      return "403: " + e.getMessage();
    }
  }

  /** What a row expects; {@link #row} turns it into the exact outcome string. */
  private record Expect(String kind, String topic) {}

  private static Expect ok() {
    return new Expect(OK, null);
  }

  /** Refused as anonymous: 401 {@code unauthenticated}, naming the first refused topic. */
  private static Expect login(String topic) {
    return new Expect("login", topic);
  }

  /** Refused as an authenticated caller: 403, naming the subject and the first refused topic. */
  private static Expect denied(String topic) {
    return new Expect("denied", topic);
  }

  /** Refused as authenticated for an internal topic: 403 naming it as reserved. */
  private static Expect reserved(String topic) {
    return new Expect("reserved", topic);
  }

  /** Refused as anonymous for an internal topic: 401 {@code unauthenticated}, reserved. */
  private static Expect reservedLogin(String topic) {
    return new Expect("reservedLogin", topic);
  }

  /** Refused for expired credentials: 401 {@code token-expired}. */
  private static Expect expired() {
    return new Expect("expired", null);
  }

  /**
   * @param topics space-separated; for {@code PUBLISH}, one topic
   */
  private static Arguments row(
      String who, Principal principal, SecuritySettings settings, Op op, String topics, Expect e) {
    String verb = op == SUBSCRIBE ? "subscribe" : "publish";
    String expected =
        switch (e.kind()) {
          case OK -> OK;
          case "login" ->
              "401 unauthenticated: authentication required: anonymous may not "
                  + verb
                  + " to topic '"
                  + e.topic()
                  + "'";
          case "denied" ->
              "403: " + principal.getName() + " may not " + verb + " to topic '" + e.topic() + "'";
          case "reserved" ->
              "403: "
                  + principal.getName()
                  + " may not "
                  + verb
                  + " to reserved topic '"
                  + e.topic()
                  + "'";
          case "reservedLogin" ->
              "401 unauthenticated: authentication required: anonymous may not "
                  + verb
                  + " to reserved topic '"
                  + e.topic()
                  + "'";
          case "expired" -> "401 token-expired: the token has expired";
          default -> throw new IllegalArgumentException(e.kind());
        };
    return Arguments.of(who, principal, settings, op, topics, expected);
  }

  private static Caller token(
      String subject,
      List<String> subscribe,
      List<String> publish,
      Set<String> roles,
      Instant expires) {
    return new Caller(
        subject,
        subscribe.stream().map(TopicPattern::of).toList(),
        publish.stream().map(TopicPattern::of).toList(),
        roles,
        expires);
  }
}
