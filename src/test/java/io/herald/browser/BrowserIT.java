package io.herald.browser;

import io.herald.testkit.NodeSuite;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser suite ({@code src/test/browser/*.test.mjs}, one file at a time, each with its
 * own Payara Micro on the built WAR) in headless Chromium, after installing Chromium and
 * playwright-core when missing. The suite's report goes to {@code target/browser-tests.log}.
 */
class BrowserIT {
  @Test
  void browserSuitePasses() throws Exception {
    NodeSuite.passes("src/test/browser/", "target/browser-tests.log", 15);
  }
}
