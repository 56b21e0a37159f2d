// Drives the admin page in headless Chromium and checks it shows what the server holds.
// Run by io.herald.it.AdminPageIT, which sets the environment:
//   HERALD_ADMIN_URL   the page, e.g. http://127.0.0.1:PORT/admin/
//   HERALD_TOKEN       the admin token
//   HERALD_OVERVIEW_URL the admin API's overview, to compare the page with
//   HERALD_EXPECT      JSON {"connections":{"websocket":min,...},"topics":{"name":n,...},
//                      "minPublished":n,"closeTransport":"long-poll","publishTopic":"..."}
//   HERALD_SCREENSHOT  where to write the screenshot
//   CHROMIUM           the browser binary (default /usr/bin/chromium)
// Exits 0 when every check passed, 1 with a reason otherwise.
import { chromium } from "playwright-core";

const url = process.env.HERALD_ADMIN_URL;
const expect = JSON.parse(process.env.HERALD_EXPECT);
const shot = process.env.HERALD_SCREENSHOT;
const TIMEOUT = 15000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
let failed = null;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  page.on("pageerror", (e) => console.log("page error:", e.message));
  await page.goto(url);
  await page.fill("#token", process.env.HERALD_TOKEN);
  await page.click("#login button");
  await page.waitForFunction(() => document.getElementById("live").textContent === "live", null, { timeout: TIMEOUT });

  const text = (sel) => page.locator(sel).textContent();
  const waitFor = async (what, check) => {
    try {
      await page.waitForFunction(check.fn, check.arg, { timeout: TIMEOUT, polling: 100 });
    } catch (e) {
      throw new Error(what + ": " + e.message.split("\n")[0]);
    }
  };

  // Counts by transport, as pushed by the live feed. Other test classes share the server and their
  // closed streams are reaped on the server's schedule, so the page must show what the server holds
  // now (read from the admin API), and that must include at least the scenario's own connections.
  const serverCount = async (t) => {
    const r = await fetch(process.env.HERALD_OVERVIEW_URL, { headers: { "X-Herald-Admin-Token": process.env.HERALD_TOKEN } });
    return (await r.json()).connections[t];
  };
  const mirrors = async (t, ok) => {
    const deadline = Date.now() + TIMEOUT;
    let last = "";
    while (Date.now() < deadline) {
      const server = await serverCount(t);
      const shown = await text("#conn-" + t);
      if (shown === String(server) && ok(server)) return server;
      last = `page shows ${shown}, server holds ${server}`;
      await page.waitForTimeout(100);
    }
    throw new Error(`connections ${t}: ${last}`);
  };
  for (const [transport, n] of Object.entries(expect.connections)) {
    await mirrors(transport, (server) => server >= n);
  }
  for (const [topic, n] of Object.entries(expect.topics)) {
    await waitFor(`topic ${topic} has ${n} subscribers`, {
      fn: ([t, v]) => {
        const row = [...document.querySelectorAll("#topics tbody tr")].find((r) => r.dataset.topic === t);
        return row && row.cells[1].textContent === String(v);
      },
      arg: [topic, n],
    });
  }
  const published = Number(await text("#published"));
  if (!(published >= expect.minPublished)) throw new Error(`published ${published} < ${expect.minPublished}`);
  // The chart has drawn both rate lines (in their colours) from at least two feed updates.
  await waitFor("the rate chart to draw both lines", {
    fn: () => {
      const c = document.getElementById("chart");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let blue = false, green = false;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] < 200) continue;
        if (Math.abs(d[i] - 0x2f) < 30 && Math.abs(d[i + 1] - 0x6f) < 30 && Math.abs(d[i + 2] - 0xde) < 30) blue = true;
        if (Math.abs(d[i] - 0x1a) < 30 && Math.abs(d[i + 1] - 0x9b) < 30 && Math.abs(d[i + 2] - 0x55) < 30) green = true;
      }
      return blue && green;
    },
  });
  if (await page.locator("#login").isVisible()) throw new Error("the login form is still shown");
  await page.screenshot({ path: shot, fullPage: true });

  // Publish a test message from the form.
  await page.fill("#pub-topic", expect.publishTopic);
  await page.fill("#pub-data", '{"from":"admin page"}');
  await page.click("#publish button");
  await waitFor("the test message to be published", {
    fn: () => document.getElementById("pub-result").textContent.startsWith("published "),
  });
  console.log("RESULT " + (await text("#pub-result")));

  // Close the newest connection of one transport from its row (the list is newest first).
  const before = await serverCount(expect.closeTransport);
  const rows = page.locator("#connections tbody tr", { hasText: expect.closeTransport });
  await rows.first().locator("button").click();
  await mirrors(expect.closeTransport, (server) => server <= before - 1);
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
if (failed) {
  console.log("FAILED " + failed.message);
  process.exit(1);
}
console.log("PASSED");
