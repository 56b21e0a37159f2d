/**
 * Serves the browser client: {@code /herald.js} (ES module), {@code /herald.global.js} (classic
 * script defining {@code window.Herald}) and {@code /herald.d.ts}, with strong ETags and long-lived
 * caching when asked for by content version ({@code ?v=}).
 */
package io.herald.web;
