// Browser tests of herald.js against a real Payara Micro: tabs sharing one connection (two pages
// of one browser context), through the SharedWorker and through a leader tab, with the first tab
// closed mid-stream, history paging over HTTP and
// WebSocket, and the short poll following `"more": true` at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { FAST, assertExactly, launch } from './browser.mjs';

const port = Number(process.env.HERALD_TEST_PORT || 18180);
const server = new Server(port);
let browser;

before(async () => {
  [browser] = await Promise.all([launch(), server.start()]);
});

/** `promise`, or a failure after `ms`: nothing in this file may wait without bound. */
const within = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref())]);

after(async () => {
  await within(browser?.close() ?? Promise.resolve(), 15_000, 'closing Chromium').catch((e) => console.error(e.message));
  await server.kill();
});

/** Client connections the server holds now, from GET /api/metrics (herald_connections_open). */
async function connectionsOpen() {
  const text = await (await fetch(`${server.base}/api/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith('herald_connections_open')) sum += Number(line.split(' ').at(-1));
  return sum;
}

async function eventually(fn, ms, what) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** A tab of `context` on the server's origin with `window.T`: a client and what it received. */
async function tab(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${server.base}/herald.js`);
  await page.evaluate(() => {
    window.T = {
      async start(topic, options) {
        const herald = await import('/herald.js');
        const t = { messages: [], subscribed: 0, errors: [] };
        const c = herald.connect('/', options);
        c.on('error', (e) => t.errors.push(e.code));
        t.sub = c.subscribe(topic, (m) => t.messages.push({ id: m.id, n: m.data.n }));
        t.sub.on('subscribed', () => t.subscribed++);
        t.client = c;
        window.T.t = t;
      },
      state() {
        const t = window.T.t;
        return { messages: t.messages, subscribed: t.subscribed, errors: t.errors, role: t.client.role, mode: t.client.mode, status: t.client.status, cursor: t.client.cursor };
      },
    };
  });
  return {
    page,
    start: (topic, options) => page.evaluate(([tp, o]) => window.T.start(tp, o), [topic, options]),
    state: () => page.evaluate(() => window.T.state()),
  };
}

for (const shared of ['worker', 'tabs']) {
  test(`shared: '${shared}': two tabs share one connection; the first tab closes mid-stream and the other loses and repeats nothing`, async () => {
    const context = await browser.newContext();
    try {
      assert.equal(await connectionsOpen(), 0);
      const one = await tab(context);
      const two = await tab(context);
      const topic = `test/shared/handover/${shared}`;
      await one.start(topic, { ...FAST, shared });
      await eventually(async () => (await one.state()).subscribed === 1 || (await one.state()), 15_000, 'tab one subscribed');
      await two.start(topic, { ...FAST, shared });
      await eventually(async () => (await two.state()).subscribed === 1 || (await two.state()), 15_000, 'tab two subscribed');
      // With a worker the worker holds the connection and every tab follows; else the first tab leads.
      assert.equal((await one.state()).mode, shared);
      assert.equal((await one.state()).role, shared === 'worker' ? 'follower' : 'leader');
      assert.equal((await two.state()).role, 'follower');
      assert.equal((await two.state()).status, 'open');
      await eventually(async () => (await connectionsOpen()) === 1 || (await connectionsOpen()), 5_000, 'one server connection');

      // A steady stream; the leader's tab closes while it flows.
      const streaming = server.stream(topic, 0, 300, { batch: 5, pause: 20 });
      await eventually(async () => (await two.state()).messages.length >= 60 || (await two.state()).messages.length, 15_000, 'the stream under way');
      const atClose = (await two.state()).messages.length;
      await one.page.close();
      assert.ok(atClose < 300, `the leader closed mid-stream (tab two had ${atClose})`);
      await streaming;
      await eventually(async () => (await two.state()).messages.length >= 300 || (await two.state()).messages.length, 20_000, '300 messages in tab two');
      await new Promise((r) => setTimeout(r, 500)); // a duplicate would show up here
      const s = await two.state();
      assertExactly(s.messages, 0, 300);
      assert.equal(s.role, shared === 'worker' ? 'follower' : 'leader', 'tab two took the connection over, or the worker kept it');
      assert.deepEqual(s.errors, []);
      await eventually(async () => (await connectionsOpen()) === 1 || (await connectionsOpen()), 10_000, 'still one server connection');
    } finally {
      await context.close();
    }
    await eventually(async () => (await connectionsOpen()) === 0 || (await connectionsOpen()), 10_000, 'no connection left');
  });
}

test('two tabs with different topics: one connection carries both, each tab gets only its own', async () => {
  const context = await browser.newContext();
  try {
    const one = await tab(context);
    const two = await tab(context);
    await one.start('test/shared/a', { ...FAST, shared: true });
    await two.start('test/shared/b', { ...FAST, shared: true });
    await eventually(async () => (await one.state()).subscribed === 1 && (await two.state()).subscribed === 1, 15_000, 'both subscribed');
    assert.equal(await connectionsOpen(), 1);
    await server.publish('test/shared/a', [{ n: 0 }, { n: 1 }]);
    await server.publish('test/shared/b', [{ n: 0 }]);
    await eventually(async () => (await one.state()).messages.length === 2 && (await two.state()).messages.length === 1, 10_000, 'messages');
    assertExactly((await one.state()).messages, 0, 2);
    assertExactly((await two.state()).messages, 0, 1);
  } finally {
    await context.close();
  }
});

test('shared: false (the default) opens one connection per tab', async () => {
  const context = await browser.newContext();
  try {
    await eventually(async () => (await connectionsOpen()) === 0 || (await connectionsOpen()), 10_000, 'no connection left');
    const one = await tab(context);
    const two = await tab(context);
    await one.start('test/shared/own', FAST);
    await two.start('test/shared/own', FAST);
    await eventually(async () => (await one.state()).subscribed === 1 && (await two.state()).subscribed === 1, 15_000, 'both subscribed');
    assert.equal(await connectionsOpen(), 2);
  } finally {
    await context.close();
  }
});

test('history pages newest first over HTTP and oldest first over the open WebSocket, nothing lost or repeated', async () => {
  const context = await browser.newContext();
  try {
    const p = await tab(context);
    const topic = 'test/history/pages';
    await server.publish(topic, Array.from({ length: 25 }, (_, n) => ({ n })));
    const read = (transportOpen) =>
      p.page.evaluate(async ([topicName, open]) => {
        const herald = await import('/herald.js');
        const c = herald.connect('/', { transports: ['websocket'] });
        let ws = 0;
        if (open) {
          const sub = c.subscribe(topicName, () => {});
          await new Promise((r, reject) => {
            sub.on('subscribed', r);
            setTimeout(() => reject(new Error('not subscribed in 10 s')), 10_000);
          });
          const send = WebSocket.prototype.send;
          WebSocket.prototype.send = function (d) {
            if (JSON.parse(d).type === 'history') ws++;
            return send.call(this, d);
          };
        }
        const pages = [];
        let page = await c.history(topicName, { limit: 10, reverse: !open });
        while (page) {
          pages.push(page.messages.map((m) => m.data.n));
          page = page.more ? await page.nextPage() : null;
        }
        c.close();
        return { pages, ws };
      }, [topic, transportOpen]);
    const http = await read(false);
    const down = Array.from({ length: 25 }, (_, i) => 24 - i);
    assert.deepEqual(http.pages, [down.slice(0, 10), down.slice(10, 20), down.slice(20)]);
    assert.equal(http.ws, 0);
    const ws = await read(true);
    const up = Array.from({ length: 25 }, (_, i) => i);
    assert.deepEqual(ws.pages, [up.slice(0, 10), up.slice(10, 20), up.slice(20)]);
    assert.equal(ws.ws, 3, 'three history frames on the socket');
  } finally {
    await context.close();
  }
});

test('short poll: a backlog larger than a page arrives at once, page after page ("more": true)', async () => {
  const context = await browser.newContext();
  try {
    const p = await tab(context);
    const topic = 'test/poll/more';
    const since = await server.cursor(topic);
    await server.publish(topic, Array.from({ length: 250 }, (_, n) => ({ n })));
    // Polls 30 s apart: without following `more` the 250 would take three of them.
    await p.start(topic, { ...FAST, transports: ['poll'], pollInterval: 30_000, since });
    await eventually(async () => (await p.state()).messages.length >= 250 || (await p.state()).messages.length, 5_000, '250 messages');
    assertExactly((await p.state()).messages, 0, 250);
  } finally {
    await context.close();
  }
});
