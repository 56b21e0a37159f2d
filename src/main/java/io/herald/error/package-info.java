/**
 * Herald's one vocabulary for failure, shaped after centrifuge's {@code errors.go} and {@code
 * disconnect.go}: every refusal is a {@link io.herald.error.Failure} value (stable code, HTTP
 * status, WebSocket close code or none, retry-after, message), carried by the {@link
 * io.herald.error.HeraldException} family and, for the hub's own exceptions, translated in one
 * place ({@link io.herald.error.Failure#of(Throwable)}). {@link io.herald.error.CloseCode} holds
 * every close code the server sends, mirrored one to one by herald.js's {@code codes.js}. {@link
 * io.herald.error.Problem} is the one {@code application/problem+json} writer (JAX-RS and servlet),
 * {@link io.herald.error.ProblemMapper} the one JAX-RS exception mapper. Of Herald it sees only the
 * hub's two exception classes (to translate them; the hub imports nothing of Herald), so every
 * other package may use it.
 */
package io.herald.error;
