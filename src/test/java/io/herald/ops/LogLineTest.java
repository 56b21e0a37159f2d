package io.herald.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogLineTest {

  @Test
  void plainValuesStayBareAndOthersAreQuotedOnOneLine() {
    String line =
        new LogLine("connection-close")
            .add("id", 7)
            .add("address", "127.0.0.1")
            .add("identity", null)
            .add("detail", "1000 bye \"now\"\nnext")
            .add("empty", "")
            .add("eq", "a=b")
            .toString();
    assertEquals(
        "connection-close id=7 address=127.0.0.1 identity=- detail=\"1000 bye \\\"now\\\"\\nnext\""
            + " empty=\"\" eq=\"a=b\"",
        line);
  }

  @Test
  void controlCharactersAndUnicodeLineBreaksAreEscapedNeverWrittenRaw() {
    String value = "a\u2028b\u2029c\u0085d\u0000e\u001bf\u007fg\u009fh\u000bi\u000cj";
    String line = new LogLine("e").add("v", value).add("ls", "\u2028").toString();
    assertEquals(
        "e v=\"a\\u2028b\\u2029c\\u0085d\\u0000e\\u001bf\\u007fg\\u009fh\\u000bi\\u000cj\""
            + " ls=\"\\u2028\"",
        line);
  }

  @Test
  void printableNonAsciiStaysAsItIs() {
    assertEquals("e v=żółw→✓", new LogLine("e").add("v", "żółw→✓").toString());
  }

  @Test
  void anUnknownConfiguredLevelFallsBackToInfo() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.herald.test.level");
    LogLine.configure(log, " warning ");
    assertEquals(java.util.logging.Level.WARNING, log.getLevel());
    LogLine.configure(log, "loud");
    assertEquals(java.util.logging.Level.INFO, log.getLevel());
  }
}
