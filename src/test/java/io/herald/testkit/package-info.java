/**
 * Test helpers shared by several test packages ({@code it}, {@code it.health}, {@code broker},
 * {@code cluster}, {@code browser}): clients for each transport ({@link io.herald.testkit.Http},
 * {@link io.herald.testkit.WsClient}, {@link io.herald.testkit.SseClient}), a hand-written
 * WebSocket handshake for raw-socket tests ({@link io.herald.testkit.RawWebSocket}), token minting
 * with the test key pair ({@link io.herald.testkit.Tokens}), a metrics scrape ({@link
 * io.herald.testkit.Prometheus}), external server processes ({@link
 * io.herald.testkit.ServerProcess}) and headless Chromium ({@link io.herald.testkit.Chromium},
 * {@link io.herald.testkit.BrowserTool}). Nothing here is deployed to the server; helpers that only
 * the shared-deployment container tests use stay in {@code io.herald.it}.
 */
package io.herald.testkit;
