package io.herald.transport.ws;

/**
 * WebSocket settings, read once at start from {@code herald.websocket.*}. Immutable.
 *
 * @param rawFrames whether each batch goes out as one write of pre-encoded frames where the
 *     container allows it ({@link RawFrames}); {@code false} sends frame by frame through the
 *     standard async remote. Default {@code true}.
 * @param compression whether permessage-deflate is negotiated with clients that offer it ({@link
 *     Compression}); a compressed connection sends through the standard remote, never raw frames.
 *     Default {@code false}.
 */
public record WebSocketSettings(boolean rawFrames, boolean compression) {}
