// Browser tests of herald.js in headless Chromium against a real Payara Micro running the WAR.
// One server for the whole file, killed and restarted once for the resume test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Server } from './server.mjs';
import { FAST, assertExactly, launch, testPage } from './browser.mjs';

const port = Number(process.env.HERALD_TEST_PORT || 18180);
// A small history so the gap test can evict; every other test stays well inside it.
const server = new Server(port, { HERALD_HISTORY_MAX_COUNT: '400' });
const shots = path.resolve(import.meta.dirname, '../../../target/screenshots');
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  [browser] = await Promise.all([launch(), server.start()]);
});

after(async () => {
  await browser?.close();
  await server.kill();
});

for (const transport of ['websocket', 'sse', 'longpoll', 'poll']) {
  test(`${transport} alone delivers 300 messages in order, exactly once`, async () => {
    const p = await testPage(browser, server.base);
    try {
      const topic = `test/alone/${transport}`;
      await p.start(topic, { ...FAST, transports: [transport] });
      await p.until((s) => s.status === 'open', 15_000, 'open');
      await server.stream(topic, 0, 300);
      const s = await p.until((s) => s.messages.length >= 300, 30_000, '300 messages');
      await new Promise((r) => setTimeout(r, 300)); // any duplicate would show up here
      assertExactly((await p.state()).messages, 0, 300);
      assert.ok(s.messages.every((m) => m.transport === transport), `all over ${transport}`);
      assert.deepEqual(s.statuses.filter((x) => x.status === 'open').map((x) => x.transport), [transport]);
    } finally {
      await p.context.close();
    }
  });
}

test('falls back WebSocket → SSE → long poll → short poll, losing nothing published meanwhile', async () => {
  const p = await testPage(browser, server.base);
  try {
    const ladder = [
      { blocked: ['websocket'], expect: 'sse' },
      { blocked: ['websocket', 'sse'], expect: 'longpoll' },
      { blocked: ['websocket', 'sse', 'longpoll'], expect: 'poll' },
    ];
    for (const [i, step] of ladder.entries()) {
      for (const t of step.blocked) await p.block(t);
      const topic = `test/fallback/${i}`;
      // 50 messages exist before the client connects from the cursor; 50 more come live.
      const since = await server.cursor(topic);
      await server.publish(topic, Array.from({ length: 50 }, (_, n) => ({ n })));
      await p.start(topic, { ...FAST, since });
      const s = await p.until((s) => s.status === 'open', 20_000, `open on ${step.expect}`);
      assert.equal(s.transport, step.expect);
      assert.deepEqual(s.fallbacks.map((f) => f.to), ['sse', 'longpoll', 'poll'].slice(0, i + 1));
      await server.stream(topic, 50, 100);
      await p.until((s) => s.messages.length >= 100, 20_000, '100 messages');
      await p.stop();
      assertExactly((await p.state()).messages, 0, 100);
    }
  } finally {
    await p.context.close();
  }
});

test('upgrades back to WebSocket when it becomes available, mid-stream, with no loss or duplicate', async () => {
  const p = await testPage(browser, server.base);
  try {
    await p.block('websocket');
    const topic = 'test/upgrade';
    await p.start(topic, { ...FAST, upgrade: { delay: 1500, cap: 3000 } });
    await p.until((s) => s.status === 'open' && s.transport === 'sse', 15_000, 'open on sse');
    // A steady stream while the client first fails to upgrade (blocked), then succeeds.
    const streaming = server.stream(topic, 0, 400, { batch: 2, pause: 20 });
    await new Promise((r) => setTimeout(r, 2500));
    await p.block('websocket', false);
    await p.until((s) => s.upgrades.length === 1, 15_000, 'the upgrade');
    await streaming;
    const s = await p.until((s) => s.messages.length >= 400, 20_000, '400 messages');
    await new Promise((r) => setTimeout(r, 300));
    assertExactly((await p.state()).messages, 0, 400);
    assert.deepEqual(s.upgrades, [{ from: 'sse', to: 'websocket' }]);
    assert.equal(s.transport, 'websocket');
    const by = (t) => s.messages.filter((m) => m.transport === t).length;
    assert.ok(by('sse') > 0 && by('websocket') > 0, `stream spans both transports (sse ${by('sse')}, websocket ${by('websocket')})`);
  } finally {
    await p.context.close();
  }
});

test('a silently dead WebSocket is noticed within interval + timeout and resumed without loss', async (t) => {
  const p = await testPage(browser, server.base);
  try {
    const topic = 'test/silent';
    await p.start(topic, { ...FAST, transports: ['websocket'], heartbeat: { interval: 1000, timeout: 1000 } });
    await p.until((s) => s.status === 'open', 15_000, 'open');
    await server.stream(topic, 0, 50);
    await p.until((s) => s.messages.length >= 50, 10_000, '50 messages');
    p.blocked.silence();
    const silencedAt = Date.now();
    await server.stream(topic, 50, 100); // sent into the void
    const s = await p.until((s) => s.statuses.some((x) => x.status === 'reconnecting'), 10_000, 'dead connection noticed');
    const noticed = Date.now() - silencedAt;
    t.diagnostic(`silent drop noticed after ${noticed} ms`);
    assert.ok(noticed <= 2000 + 1000, `noticed after ${noticed} ms (bound: interval + timeout = 2000 ms, plus one check period)`);
    assert.match(s.statuses.find((x) => x.status === 'reconnecting').error.message, /no frame for/);
    await p.until((s) => s.statuses.filter((x) => x.status === 'open').length >= 2, 10_000, 'reopened');
    await server.stream(topic, 100, 150);
    await p.until((s) => s.messages.length >= 150, 10_000, '150 messages');
    await new Promise((r) => setTimeout(r, 300));
    assertExactly((await p.state()).messages, 0, 150);
  } finally {
    await p.context.close();
  }
});

test('goes offline with the browser and resumes at once when it is back, losing nothing', async () => {
  const p = await testPage(browser, server.base);
  try {
    const topic = 'test/offline';
    await p.start(topic, { ...FAST, backoff: { base: 60_000, cap: 60_000 } });
    await p.until((s) => s.status === 'open', 15_000, 'open');
    await server.stream(topic, 0, 50);
    await p.until((s) => s.messages.length >= 50, 10_000, '50 messages');
    await p.context.setOffline(true);
    await p.until((s) => s.status === 'offline', 5_000, 'offline');
    await server.stream(topic, 50, 100);
    await p.context.setOffline(false);
    // No backoff wait (it would be up to 60 s here): the 'online' event reconnects at once.
    const s = await p.until((s) => s.messages.length >= 100, 10_000, '100 messages');
    assert.deepEqual(s.statuses.map((x) => x.status).slice(-3), ['offline', 'connecting', 'open']);
    await new Promise((r) => setTimeout(r, 300));
    assertExactly((await p.state()).messages, 0, 100);
  } finally {
    await p.context.close();
  }
});

test('reports a gap when the history after its cursor was evicted, then delivers what is retained', async () => {
  const p = await testPage(browser, server.base);
  try {
    const topic = 'test/gap';
    const since = await server.cursor(topic);
    await server.publish(topic, Array.from({ length: 500 }, (_, n) => ({ n }))); // 400 kept
    await p.start(topic, { ...FAST, since });
    const s = await p.until((s) => s.messages.length >= 400, 15_000, '400 retained messages');
    assert.equal(s.gaps.length, 1);
    assert.deepEqual(s.gaps[0].topics, [topic]);
    assertExactly(s.messages, 100, 500);
  } finally {
    await p.context.close();
  }
});

test('server restarted mid-stream: reconnects, reports the gap, and delivers every later message once', async (t) => {
  const p = await testPage(browser, server.base);
  try {
    const topic = 'test/restart';
    await p.start(topic, FAST);
    await p.until((s) => s.status === 'open', 15_000, 'open');
    await server.stream(topic, 0, 100);
    await p.until((s) => s.messages.length >= 100, 15_000, '100 messages before the restart');
    await server.kill();
    await p.until((s) => s.statuses.some((x) => x.status === 'reconnecting'), 15_000, 'reconnecting');
    await server.start();
    const upAt = Date.now();
    // Published as soon as the server is up, before the client is back: must come by replay.
    await server.stream(topic, 100, 150);
    await p.until((s) => s.statuses.filter((x) => x.status === 'open').length >= 2, 30_000, 'reopened');
    t.diagnostic(`client back ${Date.now() - upAt} ms after the server answered again`);
    await server.stream(topic, 150, 250);
    const s = await p.until((s) => s.messages.length >= 250, 20_000, '250 messages');
    await new Promise((r) => setTimeout(r, 300));
    assertExactly((await p.state()).messages, 0, 250);
    assert.equal(s.gaps.length, 1, 'the lost window (the old server\'s memory) is reported once');
    assert.deepEqual(s.gaps[0].topics, [topic]);
    assert.ok(s.statuses.some((x) => x.status === 'reconnecting' && x.delay >= 0 && x.delay <= 2000));
  } finally {
    await p.context.close();
  }
});

test('serves the ES module, the classic script and the types with ETags and versioned caching', async () => {
  const module = await fetch(`${server.base}/herald.js`);
  assert.equal(module.status, 200);
  assert.equal(module.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(module.headers.get('cache-control'), 'no-cache');
  const version = module.headers.get('x-herald-version');
  assert.match(version, /^[0-9a-f]{16}$/);
  assert.equal(module.headers.get('etag'), `"${version}"`);
  const again = await fetch(`${server.base}/herald.js`, { headers: { 'If-None-Match': `"${version}"` } });
  assert.equal(again.status, 304);
  const pinned = await fetch(`${server.base}/herald.js?v=${version}`);
  assert.equal(pinned.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const stale = await fetch(`${server.base}/herald.js?v=0000000000000000`);
  assert.equal(stale.headers.get('cache-control'), 'no-cache');
  const types = await fetch(`${server.base}/herald.d.ts`);
  assert.equal(types.status, 200);
  assert.match(await types.text(), /export declare function connect/);

  // The classic build defines window.Herald and works like the module.
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.base}/herald.js`);
    const seen = await page.evaluate(async () => {
      await new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = '/herald.global.js';
        s.onload = resolve;
        s.onerror = reject;
        document.head.append(s);
      });
      const c = window.Herald.connect('/', { transports: ['sse'] });
      const got = new Promise((resolve) => c.subscribe('test/classic', (m) => resolve(m.data)));
      await new Promise((resolve) => c.on('open', resolve));
      await c.publish('test/classic', { hello: 'classic' });
      const data = await got;
      c.close();
      return { version: window.Herald.VERSION, data };
    });
    assert.deepEqual(seen, { version: '0.1.0', data: { hello: 'classic' } });
  } finally {
    await context.close();
  }
});

test('the demo page shows live prices, chat and system stats, and screenshots', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.base}/`);
    await page.waitForFunction(() => document.querySelectorAll('#prices .quote').length === 4, null, { timeout: 15_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-k=samples]').textContent) >= 2, null, { timeout: 15_000 });
    await page.fill('#chat-form input[name=name]', 'ada');
    await page.fill('#chat-form input[name=text]', 'hello from the browser test');
    await page.click('#chat-form button');
    await page.waitForFunction(() => document.querySelector('#chat-log').textContent.includes('ada: hello from the browser test'), null, { timeout: 10_000 });
    for (const id of ['prices', 'chat', 'system']) {
      assert.equal(await page.getAttribute(`#${id}`, 'data-transport'), 'websocket');
    }
    // Forcing a transport from the panel's menu switches that panel only.
    await page.selectOption('#system select', 'longpoll');
    await page.waitForFunction(() => document.querySelector('#system').dataset.transport === 'longpoll', null, { timeout: 10_000 });
    const before = Number(await page.textContent('[data-k=samples]'));
    await page.waitForFunction((n) => Number(document.querySelector('[data-k=samples]').textContent) > n, before, { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1500)); // let the chart fill a little
    await page.screenshot({ path: path.join(shots, 'demo.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
