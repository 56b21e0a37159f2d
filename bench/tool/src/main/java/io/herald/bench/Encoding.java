package io.herald.bench;

/**
 * How Herald WebSocket clients receive messages, for the encoding-cost scenario: plain JSON text
 * frames, the same with permessage-deflate, or binary data as binary frames ({@code herald.v1}).
 */
enum Encoding {
  /** JSON text frames, no extension, no subprotocol: what every other figure measures. */
  JSON("JSON text frames"),
  /** JSON text frames compressed with permessage-deflate (the client offers it). */
  DEFLATE("JSON + permessage-deflate"),
  /**
   * Data published as {@code {"$base64":…}} and received as binary frames: the client offers {@code
   * herald.v1}.
   */
  BINARY("binary frames (herald.v1)");

  final String label;

  Encoding(String label) {
    this.label = label;
  }
}
