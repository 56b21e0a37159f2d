package io.herald.testclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Parses a {@code text/event-stream} into {@link SseEvent}s (the WHATWG rules Herald's streams
 * need: fields, comments, multi-line data, blank-line dispatch). Stateless; one call reads one
 * stream on the caller's thread. Used by {@link SseSubscription} and by raw-stream tests.
 */
public final class SseParser {
  private SseParser() {}

  /**
   * Reads events until the stream ends, passing each to {@code sink}.
   *
   * @throws IOException when reading fails (e.g. the stream was closed)
   */
  public static void read(BufferedReader in, Consumer<SseEvent> sink) throws IOException {
    String id = null;
    String event = null;
    Long retry = null;
    StringBuilder data = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isEmpty()) {
        if (data != null || event != null || id != null) {
          sink.accept(
              new SseEvent(
                  id,
                  event == null ? "message" : event,
                  data == null ? "" : data.toString(),
                  retry));
        }
        id = null;
        event = null;
        retry = null;
        data = null;
      } else if (!line.startsWith(":")) {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
          case "id" -> id = value;
          case "event" -> event = value;
          case "retry" -> retry = Long.parseLong(value);
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> {}
        }
      }
    }
  }
}
