package io.herald.testclient;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** JSON-P helpers of this package. Stateless. */
final class Json {
  private Json() {}

  static JsonObject object(String text) {
    try (JsonReader r = jakarta.json.Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  static JsonValue value(String text) {
    try (JsonReader r = jakarta.json.Json.createReader(new StringReader(text))) {
      return r.readValue();
    }
  }

  static String quote(String s) {
    return jakarta.json.Json.createValue(s).toString();
  }
}
