package io.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EncodingPlanTest {

  @Test
  void theFullRunMeasuresThreeRoundsAndTheSmokeNoneUnlessAsked() {
    assertEquals(new EncodingPlan(1_000, 10, 5, 1024, 3), EncodingPlan.of("full", 10_000, false));
    assertEquals(new EncodingPlan(500, 10, 5, 1024, 3), EncodingPlan.of("full", 500, false));
    assertEquals(0, EncodingPlan.of("smoke", 10_000, false).rounds());
    assertEquals(new EncodingPlan(200, 20, 2, 1024, 1), EncodingPlan.of("smoke", 10_000, true));
  }
}
