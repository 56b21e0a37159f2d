package io.herald.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.hub.InvalidInputException;
import io.herald.hub.JsonP;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every way client input is read, and the exact code and message for each bad input. */
class ClientInputTest {

  // parse

  @Test
  void parsesAnyJsonValue() {
    assertEquals(
        "{\"a\":[1,true,null]}", ClientInput.parse(" {\"a\": [1, true, null]} ").toString());
    assertEquals("\"text\"", ClientInput.parse("\"text\"").toString());
    assertEquals("42", ClientInput.parse("42").toString());
  }

  @Test
  void aBodyIsRequired() {
    assertInvalid("bad-json: a JSON body is required", () -> ClientInput.parse(null));
    assertInvalid("bad-json: a JSON body is required", () -> ClientInput.parse(""));
    assertInvalid("bad-json: a JSON body is required", () -> ClientInput.parse(" \n\t"));
  }

  @Test
  void malformedJsonNamesTheOffset() {
    assertInvalid("bad-json: malformed JSON at offset 6", () -> ClientInput.parse("{\"a\": }"));
    assertInvalid("bad-json: malformed JSON at offset 3", () -> ClientInput.parse("[1,,2]"));
    assertInvalid("bad-json: malformed JSON at offset 0", () -> ClientInput.parse("]"));
  }

  @Test
  void onlyTheFirstValueIsRead() {
    // Parsson's readValue stops after one value; trailing text is not looked at.
    assertEquals("{}", ClientInput.parse("{} {}").toString());
  }

  @Test
  void nestingAndNumberLimits() {
    // Parsson's limits: 999 levels and 1,100-digit numbers pass, one more is refused.
    String limits = "bad-json: JSON nested too deeply (over 999 levels) or with too long a number";
    assertInvalid(limits, () -> ClientInput.parse("[".repeat(1000) + "]".repeat(1000)));
    assertInvalid(limits, () -> ClientInput.parse("[" + "1".repeat(1101) + "]"));
    assertEquals(
        JsonValue.ValueType.ARRAY,
        ClientInput.parse("[".repeat(999) + "]".repeat(999)).getValueType());
    assertEquals(1102, ClientInput.parse("[" + "1".repeat(1100) + "]").toString().length());
  }

  @Test
  void theLimitsHoldBeforeAnyParserRuns() {
    // Checked by JsonLimits itself, so Johnzon (TomEE: stack overflow) and GlassFish 7.0.0's
    // Parsson (takes any number) answer as Parsson does.
    String limits = "bad-json: JSON nested too deeply (over 999 levels) or with too long a number";
    assertInvalid(limits, () -> JsonLimits.check("[".repeat(1000)));
    assertInvalid(limits, () -> JsonLimits.check("{\"a\":" + "[".repeat(999) + "1"));
    assertInvalid(limits, () -> JsonLimits.check("{\"data\":1" + "9".repeat(20000) + "e99999999}"));
    assertInvalid(limits, () -> JsonLimits.check("[-" + "1".repeat(1100) + "]"));
    JsonLimits.check("[".repeat(999) + "]".repeat(1000) + "[");
    JsonLimits.check("[" + "1".repeat(1100) + "," + "2".repeat(1100) + "]");
    JsonLimits.check("[\"" + "[".repeat(2000) + "\\\"" + "1".repeat(2000) + "\"]");
  }

  @Test
  void stringsAsLongAsTheTextAreRead() {
    String data = "x".repeat(200_000);
    assertEquals(
        data, ClientInput.parse("{\"data\":\"" + data + "\"}").asJsonObject().getString("data"));
  }

  // publishRequest

  @Test
  void readsAPublishRequest() {
    PublishRequest r =
        ClientInput.publishRequest(
            ClientInput.parse("{\"topic\":\"a/b\",\"event\":\"e\",\"data\":{\"x\":1}}"));
    assertEquals(new PublishRequest("a/b", "e", ClientInput.parse("{\"x\":1}")), r);
  }

  @Test
  void theEventDefaultsAndDataMayBeNull() {
    PublishRequest r =
        ClientInput.publishRequest(
            ClientInput.parse("{\"topic\":\"a\",\"event\":null,\"data\":null}"));
    assertEquals("message", r.event());
    assertEquals(JsonValue.NULL, r.data());
  }

  @Test
  void badPublishRequests() {
    assertPublishInvalid("bad-request: a publish must be a JSON object", "[]");
    assertPublishInvalid("bad-request: a publish must be a JSON object", "\"a\"");
    assertPublishInvalid("bad-request: 'topic' is required", "{\"data\":1}");
    assertPublishInvalid("bad-request: 'topic' is required", "{\"topic\":null,\"data\":1}");
    assertPublishInvalid("bad-request: 'topic' must be a string", "{\"topic\":7,\"data\":1}");
    assertPublishInvalid(
        "bad-topic: topic must be 1-128 characters, got ''", "{\"topic\":\"\",\"data\":1}");
    assertPublishInvalid(
        "bad-topic: topic may only contain A-Z a-z 0-9 _ . : / ~ -, got 'a b'",
        "{\"topic\":\"a b\",\"data\":1}");
    assertPublishInvalid(
        "bad-request: 'event' must be a string", "{\"topic\":\"a\",\"event\":[],\"data\":1}");
    assertPublishInvalid(
        "bad-event: event must be 1-64 characters of A-Z a-z 0-9 _ . : / ~ -, got 'a b'",
        "{\"topic\":\"a\",\"event\":\"a b\",\"data\":1}");
    assertPublishInvalid(
        "bad-event: event name 'heartbeat' is reserved",
        "{\"topic\":\"a\",\"event\":\"heartbeat\",\"data\":1}");
    assertPublishInvalid("missing-data: data is required", "{\"topic\":\"a\"}");
  }

  // publishRequests

  @Test
  void oneObjectIsABatchOfOne() {
    assertEquals(
        List.of(new PublishRequest("a", "message", JsonValue.TRUE)),
        ClientInput.publishRequests(ClientInput.parse("{\"topic\":\"a\",\"data\":true}"), 1));
  }

  @Test
  void anArrayIsABatchInOrder() {
    List<PublishRequest> batch =
        ClientInput.publishRequests(
            ClientInput.parse(
                "[{\"topic\":\"a\",\"data\":1},{\"topic\":\"b\",\"event\":\"e\",\"data\":2}]"),
            2);
    assertEquals(
        List.of(
            new PublishRequest("a", "message", ClientInput.parse("1")),
            new PublishRequest("b", "e", ClientInput.parse("2"))),
        batch);
  }

  @Test
  void badBatches() {
    assertInvalid(
        "bad-request: a batch must hold at least one message",
        () -> ClientInput.publishRequests(ClientInput.parse("[]"), 10));
    assertInvalid(
        "bad-request: a batch may hold at most 2 messages",
        () ->
            ClientInput.publishRequests(
                ClientInput.parse(
                    "[{\"topic\":\"a\",\"data\":1},{\"topic\":\"a\",\"data\":1},{\"topic\":\"a\",\"data\":1}]"),
                2));
    assertInvalid(
        "missing-data: message 1: data is required",
        () ->
            ClientInput.publishRequests(
                ClientInput.parse("[{\"topic\":\"a\",\"data\":1},{\"topic\":\"a\"}]"), 10));
    assertInvalid(
        "bad-request: message 0: a publish must be a JSON object",
        () -> ClientInput.publishRequests(ClientInput.parse("[1]"), 10));
  }

  // string

  @Test
  void stringMembers() {
    JsonObject o = object("{\"s\":\"v\",\"n\":null,\"x\":1}");
    assertEquals("v", ClientInput.string(o, "s", true));
    assertEquals("v", ClientInput.string(o, "s", false));
    assertNull(ClientInput.string(o, "missing", false));
    assertNull(ClientInput.string(o, "n", false));
    assertInvalid(
        "bad-request: 'missing' is required", () -> ClientInput.string(o, "missing", true));
    assertInvalid("bad-request: 'n' is required", () -> ClientInput.string(o, "n", true));
    assertInvalid("bad-request: 'x' must be a string", () -> ClientInput.string(o, "x", false));
  }

  // topics

  @Test
  void topicsAreValidatedAndDeduplicatedInOrder() {
    assertEquals(List.of("b", "a"), ClientInput.topics(object("{\"topics\":[\"b\",\"a\",\"b\"]}")));
  }

  @Test
  void badTopics() {
    assertTopicsInvalid("bad-topic: 'topics' must be an array of topic names", "{}");
    assertTopicsInvalid(
        "bad-topic: 'topics' must be an array of topic names", "{\"topics\":\"a\"}");
    assertTopicsInvalid("bad-topic: 'topics' must be an array of topic names", "{\"topics\":null}");
    assertTopicsInvalid("bad-topic: 'topics' must hold only strings", "{\"topics\":[\"a\",1]}");
    assertTopicsInvalid("bad-topic: at least one topic is required", "{\"topics\":[]}");
    assertTopicsInvalid(
        "bad-topic: topic may only contain A-Z a-z 0-9 _ . : / ~ -, got 'a?'",
        "{\"topics\":[\"ok\",\"a?\"]}");
  }

  private static JsonObject object(String json) {
    return JsonP.PROVIDER.createReader(new java.io.StringReader(json)).readObject();
  }

  private static void assertPublishInvalid(String expected, String json) {
    assertInvalid(expected, () -> ClientInput.publishRequest(ClientInput.parse(json)));
  }

  private static void assertTopicsInvalid(String expected, String json) {
    assertInvalid(expected, () -> ClientInput.topics(object(json)));
  }

  private static void assertInvalid(String expected, Executable read) {
    InvalidInputException e = assertThrows(InvalidInputException.class, read);
    assertEquals(expected, e.code() + ": " + e.getMessage());
  }
}
