// Browser tests of two protocol answers only a browser's own machinery can check: permessage-deflate
// negotiated by Chromium's WebSocket (the server with herald.websocket.compression on), and an
// EventSource that Herald tells to stop retrying (204, docs/protocol.md "Final answers") really
// stops: one request, readyState CLOSED, no reconnect loop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { FAST, launch } from './browser.mjs';
import { mint } from './tokens.mjs';

const port = Number(process.env.HERALD_TEST_PORT || 18180);
let server;
let browser;

before(async () => {
  server = new Server(port, { HERALD_WEBSOCKET_COMPRESSION: 'true' });
  [browser] = await Promise.all([launch(), server.start()]);
});

after(async () => {
  await browser?.close();
  await server?.kill();
});

/** A page on the server's origin that records every request to /api/sse. */
async function page() {
  const context = await browser.newContext();
  const p = await context.newPage();
  const sse = [];
  p.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/sse') sse.push(r.url());
  });
  p.on('pageerror', (e) => console.error('page error:', e));
  await p.goto(`${server.base}/herald.js`);
  return { page: p, context, sse };
}

test('Chromium negotiates permessage-deflate and herald.js gets every message intact', async () => {
  const { page: p, context } = await page();
  try {
    const big = 'herald '.repeat(4000); // 28 KB, compressible; one message per publish (the body limit)
    const opened = p.evaluate(async (fast) => {
      const herald = await import('/herald.js');
      const sockets = [];
      class Recorded extends WebSocket {
        constructor(url, protocols) {
          super(url, protocols);
          sockets.push(this);
        }
      }
      window.got = [];
      window.c = herald.connect('/', { ...fast, transports: ['websocket'], WebSocket: Recorded });
      window.c.subscribe('test/deflate', (m) => window.got.push(m.data));
      await new Promise((resolve) => window.c.on('open', resolve));
      return { extensions: sockets.at(-1).extensions, protocol: sockets.at(-1).protocol };
    }, FAST);
    const socket = await opened;
    assert.match(socket.extensions, /^permessage-deflate/, 'the server accepted the offered extension');
    assert.equal(socket.protocol, 'herald.v1');
    await new Promise((r) => setTimeout(r, 300)); // subscribed
    const items = Array.from({ length: 20 }, (_, n) => ({ n, text: big }));
    for (const item of items) await server.publish('test/deflate', [item]);
    await p.waitForFunction(() => window.got.length >= 20, null, { timeout: 15_000 });
    const got = await p.evaluate(() => window.got);
    assert.deepEqual(got, items, 'every message, exactly once, in order, byte for byte');
    await p.evaluate(() => window.c.close());
  } finally {
    await context.close();
  }
});

test('an EventSource refused for good (a private topic, anonymous) gets 204 and stops', async () => {
  const { page: p, context, sse } = await page();
  try {
    const state = await p.evaluate(
      () =>
        new Promise((resolve) => {
          const es = new EventSource('/api/sse?topic=private/payroll');
          let errors = 0;
          es.onerror = () => {
            errors += 1;
          };
          // EventSource's own reconnect delay is about 3 s: wait past two of them.
          setTimeout(() => resolve({ readyState: es.readyState, errors }), 7000);
        }),
    );
    assert.deepEqual(state, { readyState: 2, errors: 1 }, 'CLOSED after one error, never reconnecting');
    assert.equal(sse.length, 1, `one request, not a loop: ${sse.join(', ')}`);
  } finally {
    await context.close();
  }
});

test('an EventSource whose ticket was used stops at its first reconnect instead of looping', async () => {
  const { page: p, context, sse } = await page();
  try {
    // A 3 s credential: the stream ends when it expires, and EventSource reconnects with the same URL,
    // so with the ticket it already redeemed.
    const token = mint({ seconds: 3, sub: 'es', subscribe: ['private/**'] });
    const r = await fetch(`${server.base}/api/ticket`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200);
    const { ticket } = await r.json();
    const result = await p.evaluate(
      (url) =>
        new Promise((resolve) => {
          const es = new EventSource(url);
          const events = [];
          es.addEventListener('subscribed', () => events.push('subscribed'));
          es.onerror = () => events.push(`error:${es.readyState}`);
          setTimeout(() => resolve({ readyState: es.readyState, events }), 12_000);
        }),
      `/api/sse?topic=private/es&ticket=${ticket}`,
    );
    assert.equal(result.readyState, 2, `CLOSED at the end: ${JSON.stringify(result.events)}`);
    assert.equal(result.events[0], 'subscribed', 'the ticket opened the stream once');
    assert.deepEqual(result.events.slice(-1), ['error:2'], 'the last error closed it for good');
    assert.equal(sse.length, 2, `the stream and one refused reconnect: ${sse.join(', ')}`);
  } finally {
    await context.close();
  }
});
