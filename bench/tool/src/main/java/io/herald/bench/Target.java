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
 */
record Target(
    String name,
    String label,
    Kind kind,
    int port,
    String path,
    String publishPath,
    boolean heraldPublish) {}
