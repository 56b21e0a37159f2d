/**
 * WebSocket at {@code /api/ws} ({@code @ServerEndpoint}): JSON text frames to subscribe,
 * unsubscribe, publish, ping and refresh the token in band ({@code auth}); the server answers with
 * subscribed, message, ack, gap, pong, authenticated and error frames, and closes with 1008 when
 * credentials are refused or expire. All writes to a connection go through its one hub queue, sent
 * asynchronously.
 */
package io.herald.transport.ws;
