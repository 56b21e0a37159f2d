package io.herald.bench;

/**
 * One thing measured: a server reached with one client protocol.
 *
 * @param name short id used in results, e.g. {@code herald-ws}
 * @param label human name for tables and charts
 * @param kind client protocol
 * @param port server port on 127.0.0.1
 * @param path subscribe path (with query)
 * @param publishPath path of the HTTP endpoint that publishes one message
 * @param heraldPublish whether the publish body is Herald's {@code {"topic","data"}} envelope
 *     (otherwise the payload itself)
 * @param encoding how a Herald WebSocket client receives messages ({@link Encoding#JSON} for all
 *     others)
 */
record Target(
    String name,
    String label,
    Kind kind,
    int port,
    String path,
    String publishPath,
    boolean heraldPublish,
    Encoding encoding) {

  /** A target receiving JSON text. */
  Target(
      String name, String label, Kind kind, int port, String path, String publishPath, boolean hp) {
    this(name, label, kind, port, path, publishPath, hp, Encoding.JSON);
  }
}
