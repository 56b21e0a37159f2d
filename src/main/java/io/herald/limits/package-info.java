/**
 * Protective limits, configured by {@link io.herald.limits.LimitSettings}: message size, topics per
 * connection, connections per client address, publish rate, and caps on open streams and parked
 * polls. The transports ask {@link io.herald.limits.Limits} before taking work and report a refusal
 * as {@link io.herald.limits.LimitExceededException}, whose stable code, HTTP status and WebSocket
 * close code are documented in {@code docs/limits.md}. Knows nothing of transports or the hub.
 */
package io.herald.limits;
