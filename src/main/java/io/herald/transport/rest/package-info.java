/**
 * The JAX-RS application under {@code /api}, {@code POST /api/publish}, and the mapping of every
 * error to {@code application/problem+json}.
 */
package io.herald.transport.rest;
