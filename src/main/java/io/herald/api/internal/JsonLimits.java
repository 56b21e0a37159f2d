package io.herald.api.internal;

import io.herald.hub.InvalidInputException;

/**
 * The nesting and number-length limits on client JSON, checked by one scan before parsing so that
 * every server's JSON-P gives the same answer: Parsson (Payara, WildFly) refuses nesting past 999
 * levels and numbers past 1,100 characters, but Johnzon (TomEE) recurses until the stack overflows
 * on deep nesting (a {@code 500}) and GlassFish 7.0.0's Parsson takes a 20,000-digit number.
 *
 * <p>Stateless and thread-safe; {@link ClientInput#parse} calls it.
 */
final class JsonLimits {
  /** Deepest nesting accepted (Parsson's). */
  static final int MAX_DEPTH = 999;

  /** Longest number accepted, in characters (Parsson's). */
  static final int MAX_NUMBER_LENGTH = 1100;

  static final String TOO_DEEP_OR_LONG =
      "JSON nested too deeply (over 999 levels) or with too long a number";

  private JsonLimits() {}

  /**
   * Throws {@link InvalidInputException} {@code bad-json} when {@code text} nests deeper than
   * {@link #MAX_DEPTH} or holds a number longer than {@link #MAX_NUMBER_LENGTH}; anything else,
   * malformed or not, is left to the parser.
   */
  static void check(String text) {
    int depth = 0;
    int number = -1;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (number >= 0) {
        if (isNumberPart(c)) {
          if (i - number >= MAX_NUMBER_LENGTH) {
            throw tooDeepOrLong();
          }
          continue;
        }
        number = -1;
      }
      switch (c) {
        case '"' -> inString = true;
        case '[', '{' -> {
          if (++depth > MAX_DEPTH) {
            throw tooDeepOrLong();
          }
        }
        case ']', '}' -> depth--;
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            number = i;
          }
        }
      }
    }
  }

  private static boolean isNumberPart(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  private static InvalidInputException tooDeepOrLong() {
    return new InvalidInputException("bad-json", TOO_DEEP_OR_LONG);
  }
}
