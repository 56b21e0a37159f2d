/**
 * Operations: the connection registry and its structured log ({@link io.herald.ops.Connections}),
 * metrics in Herald's own Prometheus registry served at {@code /api/metrics} ({@link
 * io.herald.ops.HeraldMetrics}, {@link io.herald.ops.MetricsResource}), health at {@code
 * /api/health} ({@link io.herald.ops.HubHealth}, {@link io.herald.ops.HealthResource}, and {@link
 * io.herald.ops.MpHealthChecks} where MicroProfile Health exists), the error record ({@link
 * io.herald.ops.Errors}) and the admin API under {@code /api/admin} with its live feed, which only
 * callers {@link io.herald.ops.AdminGuard} admits may use. Transports report connection open and
 * close here; the hub reports its work through {@link io.herald.hub.HubMetrics}. Nothing in the hub
 * depends on this package.
 */
package io.herald.ops;
