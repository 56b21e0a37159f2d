package io.herald.testclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  @Test
  void readsFieldsMultiLineDataAndSkipsComments() throws Exception {
    List<SseEvent> got = new ArrayList<>();
    SseParser.read(
        new BufferedReader(
            new StringReader(
                ": heartbeat\n\nretry: 2000\nevent: subscribed\ndata: {}\n\n"
                    + "id: c-1\ndata: a\ndata:b\n\n")),
        got::add);

    assertEquals(
        List.of(
            new SseEvent(null, "subscribed", "{}", 2000L),
            new SseEvent("c-1", "message", "a\nb", null)),
        got);
  }
}
