// Launches Debian's Chromium through playwright-core, and a test page on the server's origin.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mint } from './tokens.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync',
];

/** Options that make herald.js react in test time. */
export const FAST = { connectTimeout: 3000, pollInterval: 200, longPollTimeout: 5, backoff: { base: 200, cap: 2000 }, heartbeat: { interval: 5000, timeout: 3000 } };

/** Asserts `messages` are exactly n = from..to-1, once each and in order. */
export function assertExactly(messages, from, to) {
  const ns = messages.map((m) => m.n);
  const expected = Array.from({ length: to - from }, (_, i) => from + i);
  assert.deepEqual(ns, expected, `expected ${to - from} messages ${from}..${to - 1} exactly once, in order`);
  const ids = new Set(messages.map((m) => m.id));
  assert.equal(ids.size, messages.length, 'no id delivered twice');
}

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page on the server's origin (its /herald.js, shown as a plain document: a page made up by
 * page.route would not count as served from localhost, and Chromium's local-network checks would
 * then block its WebSocket) with a
 * `window.T` harness: `T.start(topic, options)` connects herald.js and records every message,
 * status, gap and error. `options.tokenTtl` (seconds) gives the client a token function minting a
 * token of that lifetime for `options.tokenScope` (topic patterns) on each call;
 * `options.tokenReuse` makes it hand out the same token until it has expired. `at` is the page's
 * path (default /herald.js). WebSocket URLs and HTTP requests are recorded (`wsUrls`, `requests`).
 */
export async function testPage(browser, base, { at = '/herald.js' } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const blocked = { websocket: false, silence: null };
  const wsUrls = [];
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), headers: r.headers() }));
  await page.exposeFunction('mintToken', (seconds, scope) => mint({ seconds, subscribe: scope, publish: scope }));
  await page.routeWebSocket(/\/api\/ws/, (ws) => {
    wsUrls.push(ws.url());
    if (blocked.websocket) {
      ws.close({ code: 4000, reason: 'blocked by test' });
      return;
    }
    // Forwards both ways; `silence()` makes this connection drop every frame from then on, both
    // ways, without closing: a network that died silently.
    const server = ws.connectToServer();
    let silent = false;
    blocked.silence = () => (silent = true);
    ws.onMessage((m) => !silent && server.send(m));
    server.onMessage((m) => !silent && ws.send(m));
  });
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${base}${at}`);
  await page.evaluate(async () => {
    const herald = await import('/herald.js');
    window.T = {
      herald,
      start(topic, options = {}) {
        const t = { messages: [], statuses: [], gaps: [], upgrades: [], fallbacks: [], errors: [], minted: 0 };
        const { tokenTtl, tokenScope = ['**'], tokenReuse, base = '/', ...rest } = options;
        if (tokenTtl) {
          let last = null;
          rest.token = async () => {
            const exp = last && JSON.parse(atob(last.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000;
            if (tokenReuse && last && exp > Date.now()) return last;
            t.minted++;
            last = await window.mintToken(tokenTtl, tokenScope);
            return last;
          };
        }
        const c = base === null ? herald.connect(rest) : herald.connect(base, rest);
        c.on('status', (s) => t.statuses.push({ ...s, error: s.error && { code: s.error.code, message: s.error.message } }));
        c.on('gap', (g) => t.gaps.push(g));
        c.on('upgrade', (u) => t.upgrades.push(u));
        c.on('fallback', (f) => t.fallbacks.push({ from: f.from, to: f.to }));
        c.on('error', (e) => t.errors.push({ code: e.code, topic: e.topic, message: e.message }));
        t.subscription = c.subscribe(topic, (m) => t.messages.push({ id: m.id, n: m.data.n, transport: c.transport }));
        t.client = c;
        window.T.current = t;
        return true;
      },
    };
  });
  return {
    page,
    context,
    blocked,
    wsUrls,
    requests,
    /** Blocks (or unblocks) a transport for new connections. */
    async block(transport, on = true) {
      if (transport === 'websocket') blocked.websocket = on;
      else {
        const pattern = transport === 'sse' ? '**/api/sse?**' : transport === 'longpoll' ? '**/api/poll?**' : '**/api/messages?**';
        if (on) await page.route(pattern, (r) => r.abort('connectionrefused'));
        else await page.unroute(pattern);
      }
    },
    start: (topic, options) => page.evaluate(([t, o]) => window.T.start(t, o), [topic, options]),
    state: () =>
      page.evaluate(() => {
        const t = window.T.current;
        return { messages: t.messages, statuses: t.statuses, gaps: t.gaps, upgrades: t.upgrades, fallbacks: t.fallbacks, errors: t.errors, minted: t.minted, transport: t.client.transport, status: t.client.status };
      }),
    stop: () => page.evaluate(() => window.T.current.client.close()),
    /** Waits until `fn(state)` is true, polling; fails with the last state after `ms`. */
    async until(fn, ms = 20_000, what = 'condition') {
      const deadline = Date.now() + ms;
      let s;
      while (Date.now() < deadline) {
        s = await this.state();
        if (fn(s)) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}: status=${s.status} transport=${s.transport} messages=${s.messages.length} statuses=${JSON.stringify(s.statuses.slice(-6))}`);
    },
  };
}
