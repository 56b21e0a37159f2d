package io.herald.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.api.internal.RequestException;
import io.herald.error.Failure;
import io.herald.hub.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

  private final CompletableFuture<JsonValue> answer = new CompletableFuture<>();

  private ClientRequest request() {
    return new ClientRequest("t", Json.createValue(1), null, "websocket", answer);
  }

  @Test
  void theFirstAnswerWinsAndLaterOnesAreIgnored() throws Exception {
    ClientRequest r = request();
    assertFalse(r.answered());
    assertTrue(r.reply(Json.createValue("yes")));
    assertFalse(r.reply(Json.createValue("no")));
    assertFalse(r.fail("late", "too late"));
    assertTrue(r.answered());
    assertEquals("\"yes\"", answer.get().toString());
  }

  @Test
  void aFailureCarriesTheApplicationsCodeAs422() {
    ClientRequest r = request();
    assertTrue(r.fail("out-of-stock", "none left"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get());
    ClientRequest.Failed failed = (ClientRequest.Failed) e.getCause();
    assertEquals("out-of-stock", failed.code());
    assertEquals("none left", failed.getMessage());
    assertEquals(
        Failure.of("out-of-stock", 422, "none left"),
        RequestException.failed(failed.code(), failed.getMessage()).failure());
  }

  @Test
  void badFailureCodesAndNullRepliesAreRefused() {
    ClientRequest r = request();
    assertThrows(IllegalArgumentException.class, () -> r.fail("Bad Code", "x"));
    assertThrows(IllegalArgumentException.class, () -> r.fail(null, "x"));
    assertThrows(IllegalArgumentException.class, () -> r.fail("-x", "x"));
    assertThrows(NullPointerException.class, () -> r.reply(null));
    assertFalse(r.answered());
  }

  @Test
  void timeoutsAreWholeMillisecondsFromOneToThirtySeconds() {
    assertEquals(5_000, io.herald.api.internal.ClientRequests.timeout(null));
    assertEquals(5_000, io.herald.api.internal.ClientRequests.timeout(JsonValue.NULL));
    assertEquals(1, io.herald.api.internal.ClientRequests.timeout(Json.createValue(1)));
    assertEquals(30_000, io.herald.api.internal.ClientRequests.timeout(Json.createValue(30_000)));
    for (JsonValue bad :
        new JsonValue[] {
          Json.createValue(0),
          Json.createValue(-5),
          Json.createValue(30_001),
          Json.createValue(1.5),
          Json.createValue(new java.math.BigDecimal("1e30")),
          Json.createValue("100"),
          JsonValue.TRUE
        }) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> io.herald.api.internal.ClientRequests.timeout(bad));
      assertEquals("bad-timeout", e.code(), bad.toString());
    }
  }
}
