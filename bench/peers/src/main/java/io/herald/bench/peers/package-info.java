/**
 * The naive baseline Herald is measured against: what a developer writes with the platform alone. A
 * Jakarta WebSocket endpoint that loops over its open sessions, and a JAX-RS {@code
 * SseBroadcaster}; {@code POST /peers/api/publish} sends one body to both as is.
 */
package io.herald.bench.peers;
