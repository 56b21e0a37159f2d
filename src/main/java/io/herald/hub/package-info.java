/**
 * The hub: topics, cursors, history, subscribers and fan-out.
 *
 * <p>Owns the message model ({@link io.herald.hub.Message}), the resume cursor ({@link
 * io.herald.hub.Cursor}), the history seam ({@link io.herald.hub.History}) with its in-memory
 * default, and the sequencer that gives every message its place in one total order ({@link
 * io.herald.hub.Hub}). Knows nothing of WebSocket, JAX-RS or servlets: transports adapt their
 * connections to {@link io.herald.hub.Subscriber} and hand them to the hub.
 */
package io.herald.hub;
