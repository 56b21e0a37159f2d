package io.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class DraftBinaryTest {

  private static JsonValue json(String text) {
    return Json.createReader(new java.io.StringReader(text)).readValue();
  }

  @Test
  void binaryDataIsABase64MemberAlone() {
    assertEquals(
        "{\"$base64\":\"AAEC/w==\"}",
        Draft.of("t", null, json("{\"$base64\":\"AAEC/w==\"}")).dataJson());
    assertEquals("{\"$base64\":\"\"}", Draft.of("t", null, json("{\"$base64\":\"\"}")).dataJson());
    assertEquals("{\"base64\":1}", Draft.of("t", null, json("{\"base64\":1}")).dataJson());
  }

  @Test
  void anyOtherShapeWithABase64MemberIsRefused() {
    for (String bad :
        new String[] {
          "{\"$base64\":\"not base64!\"}",
          "{\"$base64\":1}",
          "{\"$base64\":\"AAEC\",\"other\":1}",
          "{\"$base64\":null}",
        }) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> Draft.of("t", null, json(bad)), bad);
      assertEquals("bad-binary", e.code());
    }
  }
}
