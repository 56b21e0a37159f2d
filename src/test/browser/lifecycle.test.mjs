// Browser tests of herald.js against a real Payara Micro: ticket mode, a refused topic failing only
// its subscription, the default base on a page under a sub-path, and offline publishes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { FAST, assertExactly, launch, testPage } from './browser.mjs';

const port = Number(process.env.HERALD_TEST_PORT || 18180);
const server = new Server(port);
let browser;

before(async () => {
  [browser] = await Promise.all([launch(), server.start()]);
});

after(async () => {
  await browser?.close();
  await server.kill();
});

/** Asserts the client never closed and reported no error. */
function assertNeverClosed(s) {
  assert.ok(!s.statuses.some((x) => x.status === 'closed'), `never closed: ${JSON.stringify(s.statuses.slice(-4))}`);
  assert.deepEqual(s.errors, []);
}

for (const transport of ['websocket', 'sse']) {
  test(`${transport} in ticket mode: only a single-use ticket in the URL, never the token`, async () => {
    const p = await testPage(browser, server.base);
    try {
      const topic = `auth/ticket/${transport}`;
      await p.start(topic, { ...FAST, transports: [transport], auth: 'ticket', tokenTtl: 600, tokenScope: ['auth/**'] });
      await p.until((s) => s.status === 'open', 15_000, 'open');
      await server.stream(topic, 0, 50);
      await p.until((s) => s.messages.length >= 50, 15_000, '50 messages');
      // The ticket is used up: a dropped connection must come back with a new one.
      await p.page.evaluate(() => window.T.current.client.use(window.T.current.client.transport));
      await p.until((s) => s.statuses.filter((x) => x.status === 'open').length >= 2, 15_000, 'reopened');
      await server.stream(topic, 50, 80);
      const s = await p.until((s) => s.messages.length >= 80, 15_000, '80 messages');
      assertExactly(s.messages, 0, 80);
      assertNeverClosed(s);
      const tickets = p.requests.filter((r) => r.url.endsWith('/api/ticket'));
      assert.equal(tickets.length, 2);
      assert.ok(tickets.every((r) => r.method === 'POST' && /^Bearer /.test(r.headers.authorization)));
      const streams = transport === 'websocket' ? p.wsUrls : p.requests.filter((r) => r.url.includes('/api/sse?')).map((r) => r.url);
      assert.equal(streams.length, 2);
      assert.equal(new Set(streams.map((u) => new URL(u).searchParams.get('ticket'))).size, 2, 'a new ticket each time');
      assert.ok(streams.every((u) => !/access_token|eyJ/.test(u)), `no token in ${streams}`);
      if (transport === 'sse') assert.ok(p.requests.filter((r) => r.url.includes('/api/sse?')).every((r) => !r.headers.authorization));
    } finally {
      await p.context.close();
    }
  });
}

for (const transport of ['websocket', 'sse', 'longpoll']) {
  test(`${transport}: a refused topic fails its own subscription only; the others keep flowing`, async () => {
    const p = await testPage(browser, server.base);
    try {
      const topic = `test/refused/${transport}`;
      await p.start(topic, { ...FAST, transports: [transport] }); // anonymous: test/** is public
      await p.until((s) => s.status === 'open', 15_000, 'open');
      const refused = await p.page.evaluate(async () => {
        const c = window.T.current.client;
        const sub = c.subscribe(['auth/secret', 'test/refused/other']);
        return new Promise((resolve) => sub.on('error', (e) => resolve({ code: e.code, topic: e.topic, active: sub.active })));
      });
      assert.deepEqual(refused, { code: 'unauthenticated', topic: 'auth/secret', active: false });
      await server.stream(topic, 0, 50);
      const s = await p.until((s) => s.messages.length >= 50, 15_000, '50 messages');
      assertExactly(s.messages, 0, 50);
      assert.equal(s.status, 'open');
      assert.deepEqual(s.errors.map((e) => [e.code, e.topic]), [['unauthenticated', 'auth/secret']]);
      assert.ok(!s.statuses.some((x) => x.status === 'closed'));
    } finally {
      await p.context.close();
    }
  });
}

test('on a page under a sub-path the default base is the origin', async () => {
  const p = await testPage(browser, server.base, { at: '/orders/view.html' });
  try {
    assert.equal(await p.page.evaluate(() => location.pathname), '/orders/view.html');
    const topic = 'test/subpath';
    await p.start(topic, { ...FAST, base: null });
    await p.until((s) => s.status === 'open', 15_000, 'open');
    await server.stream(topic, 0, 20);
    const s = await p.until((s) => s.messages.length >= 20, 15_000, '20 messages');
    assert.equal(s.transport, 'websocket');
    assert.deepEqual(p.wsUrls.map((u) => new URL(u).pathname), ['/api/ws']);
    assert.ok(!p.requests.some((r) => r.url.includes('/orders/view.html/')));
  } finally {
    await p.context.close();
  }
});

test('publishes made offline are queued and delivered once, in order, when the browser is back', async () => {
  const p = await testPage(browser, server.base);
  try {
    const topic = 'test/offline-publish';
    const since = await server.cursor(topic);
    await p.start(topic, { ...FAST, offlineQueue: 10, backoff: { base: 60_000, cap: 60_000 } });
    await p.until((s) => s.status === 'open', 15_000, 'open');
    await p.context.setOffline(true);
    await p.until((s) => s.status === 'offline', 5_000, 'offline');
    await p.page.evaluate((t) => {
      const c = window.T.current.client;
      window.published = Promise.all([0, 1, 2].map((n) => c.publish(t, { n }, 'n')));
    }, topic);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual((await server.messages(topic, since)).messages, [], 'nothing sent while offline');
    await p.context.setOffline(false);
    const acks = await p.page.evaluate(() => window.published);
    assert.equal(acks.length, 3);
    const s = await p.until((s) => s.messages.length >= 3, 10_000, 'the 3 messages back');
    await new Promise((r) => setTimeout(r, 500));
    const stored = (await server.messages(topic, since)).messages;
    assert.deepEqual(stored.map((m) => m.data.n), [0, 1, 2], 'stored once each, in order');
    assert.deepEqual(stored.map((m) => m.id), acks.map((a) => a.id));
    assertExactly((await p.state()).messages, 0, 3);
    assert.equal(s.transport, 'websocket');
  } finally {
    await p.context.close();
  }
});

test('presence in Chromium: join and leave events over WebSocket and SSE, and presence() over the socket and over HTTP', async () => {
  const p = await testPage(browser, server.base);
  try {
    const result = await p.page.evaluate(async (topic) => {
      const { connect } = window.T.herald;
      const token = await window.mintToken(600, ['**']);
      const events = [];
      const until = async (ok) => {
        for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      };
      const onWs = connect('/', { token, presence: true, transports: ['websocket'] });
      const ws = onWs.subscribe(topic, () => {});
      ws.on('join', (e) => events.push(`ws join ${e.count}`));
      await until(() => events.length === 1);
      const onSse = connect('/', { token, presence: true, transports: ['sse'] });
      const sse = onSse.subscribe(topic, () => {});
      sse.on('join', (e) => events.push(`sse join ${e.count}`));
      sse.on('leave', (e) => events.push(`sse leave ${e.count}`));
      await until(() => events.length === 3);
      const overSocket = await onWs.presence(topic);
      const overHttp = await onSse.presence(topic);
      onWs.close();
      await until(() => events.length === 4);
      const after = await onSse.presence(topic);
      onSse.close();
      return { events, overSocket, overHttp, after };
    }, 'test/presence/room');
    assert.deepEqual(result.events.slice(0, 1), ['ws join 1'], 'its own join first');
    assert.deepEqual([...result.events.slice(1, 3)].sort(), ['sse join 2', 'ws join 2']);
    assert.equal(result.events[3], 'sse leave 1');
    assert.deepEqual(result.overSocket, { count: 2 });
    assert.deepEqual(result.overHttp, { count: 2 });
    assert.deepEqual(result.after, { count: 1 });
  } finally {
    await p.context.close();
  }
});
