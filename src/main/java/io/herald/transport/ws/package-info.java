/**
 * WebSocket at {@code /api/ws} ({@code @ServerEndpoint}): JSON text frames to subscribe,
 * unsubscribe, publish and ping; the server answers with subscribed, message, ack, gap, pong and
 * error frames. All writes to a connection go through its one hub queue, sent asynchronously.
 */
package io.herald.transport.ws;
