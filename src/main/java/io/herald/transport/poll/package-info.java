/**
 * Short polling ({@code GET /api/messages}) and long polling ({@code GET /api/poll}, JAX-RS {@code
 * AsyncResponse}: no thread waits while a poll is parked). Both answer the same body.
 */
package io.herald.transport.poll;
