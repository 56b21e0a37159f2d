/**
 * Who may subscribe to and publish on which topics, and who the caller is. {@link
 * io.herald.security.SecurityFilter} checks the origin and authenticates every request under {@code
 * /api} (bearer JWT, single-use ticket, container login) into a {@link io.herald.security.Caller};
 * {@link io.herald.security.TokenVerifier} checks JWTs and {@link io.herald.security.Tickets}
 * issues and redeems single-use tickets; {@link io.herald.security.AccessPolicy} is the one place
 * every transport and the REST API ask before touching the hub. Secure by default: see {@code
 * docs/security.md}.
 */
package io.herald.security;
