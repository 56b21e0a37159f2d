/**
 * The ways browsers reach the hub. Each sub-package owns one transport and depends on the hub and
 * the API, never the reverse: {@code rest} (the JAX-RS application, publishing, tickets and error
 * mapping), {@code poll} (short and long polling), {@code sse} and {@code ws}. This package holds
 * what they share: the one connection lifecycle ({@link io.herald.transport.ClientSession}, opened
 * by {@link io.herald.transport.Sessions} for a {@link io.herald.transport.Transport} adapter),
 * {@link io.herald.transport.Heartbeats} (keep-alive and dead-connection detection), {@link
 * io.herald.transport.ClientAddress}, and {@link io.herald.transport.ShutdownListener} (tells every
 * client to reconnect on stop or undeploy).
 */
package io.herald.transport;
