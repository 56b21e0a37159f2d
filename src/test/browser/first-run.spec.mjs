// Opens the admin page at the URL bin/run printed (its token in the fragment) in headless Chromium
// and checks it goes live and shows live counts. Run by io.herald.browser.FirstRunAdminIT, which
// starts bin/run and holds one SSE stream open on demo/prices. Environment:
//   HERALD_ADMIN_URL   the URL bin/run printed, http://localhost:PORT/admin/#token=…
//   HERALD_SCREENSHOT  where to write the screenshot
//   CHROMIUM           the browser binary (default /usr/bin/chromium)
// Prints PASSED and exits 0 when every check passed, exits 1 with a reason otherwise.
import { chromium } from "playwright-core";

const TIMEOUT = 20000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
let failed = null;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  page.on("pageerror", (e) => console.log("page error:", e.message));
  await page.goto(process.env.HERALD_ADMIN_URL);
  const wait = async (what, fn, arg) => {
    try {
      await page.waitForFunction(fn, arg, { timeout: TIMEOUT, polling: 100 });
    } catch (e) {
      throw new Error(what + ": " + e.message.split("\n")[0]);
    }
  };
  // No login form to fill: the token came with the URL.
  await wait("page live", () => document.getElementById("live").textContent === "live");
  if (page.url().includes("token")) throw new Error("token left in the address bar: " + page.url());
  // The page's own admin feed is a WebSocket; the test's stream on demo/prices is an SSE one.
  await wait("a WebSocket counted", () => Number(document.getElementById("conn-websocket").textContent) >= 1);
  await wait("the SSE stream counted", () => Number(document.getElementById("conn-sse").textContent) >= 1);
  // The demo publishers run under bin/run: the published count moves while the page watches.
  const first = Number(await page.locator("#published").textContent());
  await wait("published count rising", (n) => Number(document.getElementById("published").textContent) > n, first);
  await page.screenshot({ path: process.env.HERALD_SCREENSHOT, fullPage: true });
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
if (failed) {
  console.log("FAILED:", failed.message);
  process.exit(1);
}
console.log("PASSED");
