/**
 * Runs the browser suite of herald.js ({@code src/test/browser}, Node's test runner driving Debian
 * Chromium through playwright-core) from the Maven build's integration-test phase.
 */
package io.herald.browser;
