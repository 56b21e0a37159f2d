/**
 * Server-Sent Events at {@code GET /api/sse} with JAX-RS {@code SseEventSink}: resume from {@code
 * Last-Event-ID} or {@code ?since=}, one event per message, a {@code subscribed} event carrying the
 * current cursor on open, and a {@code gap} event when resume found lost history.
 */
package io.herald.transport.sse;
