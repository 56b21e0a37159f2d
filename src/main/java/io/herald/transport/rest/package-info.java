/**
 * The JAX-RS application under {@code /api}, {@code POST /api/publish}, {@code POST /api/ticket}
 * (single-use tickets for EventSource and WebSocket URLs), the request-body size limit, and the
 * mapping of every error to {@code application/problem+json} ({@link
 * io.herald.transport.rest.Problem}).
 */
package io.herald.transport.rest;
