/**
 * The hub: topics, cursors, history, subscribers and fan-out.
 *
 * <p>Owns the message model ({@link io.herald.hub.Message}), the resume cursor ({@link
 * io.herald.hub.Cursor}), the store seam ({@link io.herald.hub.History}, chosen by {@code
 * herald.store}, with its in-memory default; a shared store hands what it stored back through
 * {@link io.herald.hub.StoreFeed} and reports readiness through {@link
 * io.herald.hub.StoreReadiness}), and the sequencer that gives every message its place in one total
 * order and fans it out ({@link io.herald.hub.Hub}). Knows nothing of WebSocket, JAX-RS or
 * servlets: transports adapt their connections to {@link io.herald.hub.Subscriber} and hand them to
 * the hub; operations read its work through {@link io.herald.hub.HubMetrics}.
 */
package io.herald.hub;
