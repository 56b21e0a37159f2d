/**
 * The JAX-RS application under {@code /api}, {@code POST /api/publish}, {@code POST /api/ticket}
 * (single-use tickets for EventSource and WebSocket URLs), {@code GET /api/presence}, {@code POST
 * /api/request} (a client's request an application answers), the request-body size limit and {@code
 * OwnPathGuard} (Herald's resources answer only requests its security filter let through). Errors
 * become {@code application/problem+json} in {@code io.herald.error}.
 */
package io.herald.transport.rest;
