/**
 * The JAX-RS application under {@code /api}, {@code POST /api/publish}, {@code POST /api/ticket}
 * (single-use tickets for EventSource and WebSocket URLs) and the request-body size limit. Errors
 * become {@code application/problem+json} in {@code io.herald.error}.
 */
package io.herald.transport.rest;
