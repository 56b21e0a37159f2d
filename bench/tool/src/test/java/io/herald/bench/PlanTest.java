package io.herald.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlanTest {
  private final Plan smoke = Plan.of("smoke", 10_000, "");
  private final Plan full = Plan.of("full", 10_000, "");

  @Test
  void upToOnePercentOfSetUpFailuresIsTolerated() {
    assertTrue(Plan.setUpTolerated(0, 1_000));
    assertTrue(Plan.setUpTolerated(10, 1_000));
    assertFalse(Plan.setUpTolerated(11, 1_000));
    assertTrue(Plan.setUpTolerated(2, 10_000));
    assertTrue(Plan.setUpTolerated(0, 0));
    assertFalse(Plan.setUpTolerated(1, 99));
    assertFalse(Plan.setUpTolerated(100, 100));
  }

  @Test
  void theSmokeFailsOnAnyLossAndOnMoreThanOnePercentOfSetUpFailures() {
    assertFalse(smoke.failsRun(step("fanout", 1_000, 0, 0, true)));
    assertFalse(smoke.failsRun(step("fanout", 1_000, 10, 0, true)));
    assertTrue(smoke.failsRun(step("fanout", 1_000, 11, 0, true)));
    assertTrue(smoke.failsRun(step("fanout", 1_000, 0, 1, false)));
    assertTrue(smoke.failsRun(step("latency", 100, 2, 0, true)));
  }

  @Test
  void theFullRunFailsOnlyOnItsLightLoadSteps() {
    assertFalse(full.failsRun(step("fanout", 10_000, 5_000, 3, false)));
    assertFalse(full.failsRun(step("latency", 100, 1, 0, true)));
    assertTrue(full.failsRun(step("latency", 100, 2, 0, true)));
    assertTrue(full.failsRun(step("latency", 100, 0, 1, false)));
  }

  @Test
  void theSmokesStormFailsOnlyOnWhatNeverArrivedNotOnWhatWasLate() {
    assertFalse(smoke.failsRun(storm(1_200, 0, 0, 0)));
    assertTrue(smoke.failsRun(storm(1_200, 60, 0, 0)));
    assertTrue(smoke.failsRun(storm(0, 0, 1, 0)));
    assertTrue(smoke.failsRun(storm(0, 0, 0, 11)));
    assertFalse(smoke.failsRun(storm(0, 0, 0, 10)));
    assertFalse(full.failsRun(storm(1_200, 60, 1, 11)));
  }

  private static Storm storm(long lost, long stillMissing, long duplicates, int setUpFailures) {
    return new Storm(
        "herald-ws",
        1_000,
        setUpFailures,
        2_000,
        2_500,
        60_000,
        lost,
        duplicates,
        0,
        0,
        3,
        30_000,
        9_000,
        60_000,
        stillMissing);
  }

  private static Step step(
      String scenario, int clients, int setUpFailures, long lost, boolean clean) {
    long expected = (long) (clients - setUpFailures) * 30;
    return new Step(
        "herald-ws",
        scenario,
        clients,
        setUpFailures,
        64,
        10,
        expected,
        expected - lost,
        lost,
        0,
        0,
        0,
        0,
        1_000,
        1,
        2,
        3,
        4,
        5,
        50,
        60,
        1,
        20,
        clean,
        clean);
  }
}
