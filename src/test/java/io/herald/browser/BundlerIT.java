package io.herald.browser;

import io.herald.testkit.NodeSuite;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/bundler/bundler.test.mjs}: installs the npm package the build made ({@code
 * target/herald-client-<version>.tgz}) into a small Vite app ({@code src/test/bundler/app}),
 * type-checks it against the package's types, bundles it, and runs the built pages in headless
 * Chromium against the built WAR on a Payara Micro the script starts. Report: {@code
 * target/bundler-tests.log}.
 *
 * <p>Not thread-safe; run by failsafe.
 */
class BundlerIT {
  @Test
  void appBundledFromThePackageReceivesMessages() throws Exception {
    NodeSuite.passes("src/test/bundler/bundler.test.mjs", "target/bundler-tests.log", 8);
  }
}
