package io.herald.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static Limits limits(int perAddress, int streams, int polls) {
    Limits l = new Limits();
    l.settings = new LimitSettings(10, 3, perAddress, 2, 4, 0, streams, polls, 7, 1000, 5, 2, 4);
    l.init();
    return l;
  }

  @Test
  void sizeIsCountedInUtf8Bytes() {
    Limits l = limits(10, 10, 10);
    l.checkSize("0123456789");
    assertEquals(
        "too-large",
        assertThrows(LimitExceededException.class, () -> l.checkSize("01234567890")).code());
    // 4 x 'é' is 8 bytes; 5 x 'é' is 10 bytes; 'é' x 5 + 'a' is 11 bytes in 6 chars.
    l.checkSize("ééééé");
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> l.checkSize("éééééa"));
    assertEquals(413, e.status());
    assertEquals(1009, e.closeCode());
    assertEquals(4, Limits.utf8Length("😀"));
    assertEquals(3, Limits.utf8Length("€"));
  }

  @Test
  void subscribesPastTheBurstAreRateLimitedWithoutClosingAndRefillAtTheRate() {
    Limits l = limits(10, 10, 10);
    AtomicLong nanos = new AtomicLong();
    TokenBucket bucket = new TokenBucket(2, 4, nanos::get);
    TokenBucket refusals = new TokenBucket(2, 8, nanos::get);
    for (int i = 0; i < 4; i++) {
      l.checkSubscribeRate(bucket, refusals);
    }
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> l.checkSubscribeRate(bucket, refusals));
    assertEquals("rate-limited", e.code());
    assertEquals(429, e.status());
    assertEquals(0, e.closeCode());
    assertEquals("at most 2.0 subscribes and unsubscribes per second (burst 4.0)", e.getMessage());
    nanos.addAndGet(500_000_000L);
    l.checkSubscribeRate(bucket, refusals);
    assertEquals(
        0,
        assertThrows(LimitExceededException.class, () -> l.checkSubscribeRate(bucket, refusals))
            .closeCode());
  }

  @Test
  void aClientRefusedMoreThanTwiceTheBurstIsClosedTryAgainLater() {
    Limits l = limits(10, 10, 10);
    TokenBucket bucket = new TokenBucket(2, 4, () -> 0L);
    TokenBucket refusals = l.subscribeRefusalBucket();
    for (int i = 0; i < 4; i++) {
      l.checkSubscribeRate(bucket, refusals);
    }
    for (int i = 0; i < 8; i++) {
      assertEquals(
          0,
          assertThrows(LimitExceededException.class, () -> l.checkSubscribeRate(bucket, refusals))
              .closeCode());
    }
    LimitExceededException closed =
        assertThrows(LimitExceededException.class, () -> l.checkSubscribeRate(bucket, refusals));
    assertEquals("rate-limited", closed.code());
    assertEquals(1013, closed.closeCode());
    assertEquals(
        "rate-limited: at most 2.0 subscribes and unsubscribes per second (burst 4.0)",
        closed.getMessage());
  }

  @Test
  void topicsPastTheLimitAre400WithoutClosing() {
    Limits l = limits(10, 10, 10);
    l.checkTopics(3);
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> l.checkTopics(4));
    assertEquals("too-many-topics", e.code());
    assertEquals(400, e.status());
    assertEquals(0, e.closeCode());
  }

  @Test
  void perAddressLimitRefusesOnlyThatAddressAndPermitsReleaseOnce() {
    Limits l = limits(2, 100, 100);
    Permit a1 = l.admitStream("a");
    l.admitPoll("a");
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> l.admitStream("a"));
    assertEquals("too-many-connections", e.code());
    assertEquals(429, e.status());
    assertEquals(7, e.retryAfterSeconds());
    assertEquals(4029, e.closeCode());
    l.admitStream("b");
    a1.close();
    a1.close();
    assertEquals(1, l.connections("a"));
    l.admitStream("a");
    assertEquals(2, l.openStreams());
    assertEquals(1, l.parkedPolls());
  }

  @Test
  void serverWideCapsAnswer503AndGiveTheAddressSlotBack() {
    Limits l = limits(10, 1, 1);
    l.admitStream("a");
    l.admitPoll("a");
    LimitExceededException s = assertThrows(LimitExceededException.class, () -> l.admitStream("b"));
    LimitExceededException p = assertThrows(LimitExceededException.class, () -> l.admitPoll("b"));
    for (LimitExceededException e : new LimitExceededException[] {s, p}) {
      assertEquals("overloaded", e.code());
      assertEquals(503, e.status());
      assertEquals(7, e.retryAfterSeconds());
      assertEquals(1013, e.closeCode());
    }
    assertEquals(0, l.connections("b"));
  }

  @Test
  void tokenBucketAllowsTheBurstThenTheRate() {
    AtomicLong now = new AtomicLong();
    TokenBucket b = new TokenBucket(2, 4, now::get);
    for (int i = 0; i < 4; i++) {
      assertTrue(b.tryTake(1));
    }
    assertFalse(b.tryTake(1));
    now.addAndGet(500_000_000L);
    assertTrue(b.tryTake(1));
    assertFalse(b.tryTake(1));
    now.addAndGet(10_000_000_000L);
    assertTrue(b.tryTake(4));
    assertFalse(b.tryTake(1));
  }

  @Test
  void addressCounterForgetsIdleAddresses() {
    AddressCounter c = new AddressCounter(1);
    assertTrue(c.tryAcquire("x"));
    assertFalse(c.tryAcquire("x"));
    c.release("x");
    assertEquals(0, c.addresses());
    c.release("x");
    assertEquals(0, c.count("x"));
  }

  @Test
  void theHttpPublishRateIsOnByDefaultAt20PerSecondBurst40() {
    Limits l = new Limits();
    l.settings = io.herald.config.Settings.read(key -> java.util.Optional.empty()).limits();
    l.init();
    // A burst well under a second: the bucket refills by at most a few tokens meanwhile.
    int admitted = 0;
    LimitExceededException refused = null;
    for (int i = 0; i < 60 && refused == null; i++) {
      try {
        l.checkHttpRate("198.51.100.7");
        admitted++;
      } catch (LimitExceededException e) {
        refused = e;
      }
    }
    assertTrue(admitted >= 40 && admitted < 45, "admitted " + admitted);
    assertEquals("rate-limited", refused.code());
    assertEquals(429, refused.status());
    l.checkHttpRate("198.51.100.8");
  }
}
