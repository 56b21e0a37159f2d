package io.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.hub.HubSettings;
import io.herald.hub.HubWiring;
import io.herald.limits.LimitSettings;
import io.herald.ops.OpsSettings;
import io.herald.security.SecuritySettings;
import io.herald.security.TopicPattern;
import io.herald.store.redis.RedisSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void everyRecordTakesTheDocumentedDefaults() {
    Settings s = Settings.defaults();
    assertEquals(
        new HubSettings(1000, Duration.ofHours(1), 10_000, 4_194_304L, 100, 262_144L), s.hub());
    assertEquals(new HubWiring(0, "memory"), s.wiring());
    assertEquals(new RedisSettings("redis://127.0.0.1:6379", "herald:", 100_000, 2000), s.redis());
    assertEquals(
        new LimitSettings(
            65_536, 100, 100, 50, 100, 20, 10_000, 10_000, 5, 1000, 1_048_576, 20, 40),
        s.limits());
    assertEquals(Duration.ofSeconds(25), s.heartbeat().interval());
    assertEquals(2000, s.sse().retryMillis());
    assertTrue(s.websocket().rawFrames());
    assertEquals(new OpsSettings(Optional.empty(), 10, "INFO", "INFO", List.of(), 0.9), s.ops());
    assertEquals(new DemoSettings(true, 500), s.demo());
    SecuritySettings security = s.security();
    assertEquals(
        new SecuritySettings(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Duration.ofHours(1),
            20),
        security);
  }

  @Test
  void valuesOverrideDefaultsAndBlankMeansDefault() {
    Settings s =
        Settings.of(
            Map.of(
                "herald.limits.publish-rate", " 2.5 ",
                "herald.limits.max-streams", "7",
                "herald.history.max-age", "PT5M",
                "herald.store", "redis",
                "herald.redis.uri", "redis://cache:6380/2",
                "herald.websocket.raw-frames", "FALSE",
                "herald.demo.enabled", "off",
                "herald.admin.token", "secret",
                "herald.queue.max-bytes", "",
                "herald.log.errors", "   "));
    assertEquals(2.5, s.limits().publishRate());
    assertEquals(7, s.limits().maxStreams());
    assertEquals(100, s.limits().maxTopicsPerConnection());
    assertEquals(Duration.ofMinutes(5), s.hub().historyMaxAge());
    assertEquals(4_194_304L, s.hub().queueMaxBytes());
    assertEquals("redis", s.wiring().store());
    assertEquals("redis://cache:6380/2", s.redis().uri());
    assertFalse(s.websocket().rawFrames());
    assertFalse(s.demo().enabled());
    assertEquals(Optional.of("secret"), s.ops().adminToken());
    assertEquals("INFO", s.ops().errorsLogLevel());
  }

  @Test
  void listsSplitOnCommasStripEntriesAndKeepEscapedCommas() {
    SecuritySettings s =
        Settings.of(
                Map.of(
                    "herald.security.public-topics", " news/** , ,demo",
                    "herald.security.allowed-origins", "https://a.example/, https://b.example",
                    "mp.jwt.verify.audiences", "one\\,two,three",
                    "mp.jwt.verify.issuer", "https://issuer.example"))
            .security();
    assertEquals(
        List.of("news/**", "demo"), s.publicTopics().stream().map(TopicPattern::toString).toList());
    assertEquals(List.of("https://a.example", "https://b.example"), s.allowedOrigins());
    assertEquals(List.of("one,two", "three"), s.audiences());
    assertEquals(Optional.of("https://issuer.example"), s.issuer());
    assertEquals(Optional.empty(), s.publicKey());
  }

  @Test
  void aBadValueNamesItsKeyAndEveryProblemIsReportedAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Settings.of(
                    Map.of(
                        "herald.limits.publish-rate", "abc",
                        "herald.heartbeat.interval", "25s",
                        "herald.queue.max-messages", "1e3",
                        "herald.websocket.raw-frames", "maybe")));
    assertEquals(
        "bad Herald settings: herald.queue.max-messages: '1e3' is not a whole number; "
            + "herald.limits.publish-rate: 'abc' is not a number; "
            + "herald.heartbeat.interval: '25s' is not an ISO-8601 duration such as PT30S; "
            + "herald.websocket.raw-frames: 'maybe' is not true or false",
        e.getMessage());
  }

  @Test
  void aWholeNumberOutOfRangeIsABadValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.of(Map.of("herald.limits.max-streams", "99999999999")));
    assertEquals(
        "bad Herald settings: herald.limits.max-streams: '99999999999' is not a whole number",
        e.getMessage());
  }

  @Test
  void thePresenceEventRateDefaultsTo50AndMustBePositive() {
    assertEquals(50, Settings.defaults().presenceEvents().eventRate());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.of(Map.of("herald.presence.event-rate", "0")));
    assertEquals("herald.presence.event-rate must be at least 1, got 0", e.getMessage());
  }
}
