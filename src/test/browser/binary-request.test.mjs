// Browser tests of herald.js's herald.v1 subprotocol, binary data and request/response, in headless
// Chromium against a real Payara Micro. The WAR is the built one plus the request ITs' test
// observer (io.herald.it.app.Responder: `…/echo`, `…/later`, `…/fail`, `…/silent`), so requests
// have an application to answer them. The page's WebSocket is the browser's own (no Playwright
// route in between), so the handshake is the real one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Server } from './server.mjs';
import { FAST, launch } from './browser.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const port = Number(process.env.HERALD_TEST_PORT || 18180);
let server;
let browser;

/** The built WAR plus Responder.class (from the test classes), as target/browser-request.war. */
function warWithResponder() {
  const war = path.join(root, 'target/browser-request.war');
  const classes = path.join(root, 'target/browser-request-classes');
  const cls = 'WEB-INF/classes/io/herald/it/app/Responder.class';
  rmSync(classes, { recursive: true, force: true });
  mkdirSync(path.dirname(path.join(classes, cls)), { recursive: true });
  copyFileSync(path.join(root, 'target/test-classes/io/herald/it/app/Responder.class'), path.join(classes, cls));
  copyFileSync(process.env.HERALD_WAR || path.join(root, 'target/ROOT.war'), war);
  const jar = spawnSync('jar', ['uf', war, '-C', classes, cls], { stdio: 'inherit' });
  assert.equal(jar.status, 0, 'jar uf added Responder.class');
  return war;
}

before(async () => {
  server = new Server(port, {}, warWithResponder());
  [browser] = await Promise.all([launch(), server.start()]);
});

after(async () => {
  await browser?.close();
  await server?.kill();
});

/**
 * A page on the server's origin with herald.js loaded as `window.herald` and `window.open(…)`: a
 * client on `transports` subscribed to `topic`, recording its sockets' subprotocols and its messages
 * (`data` as `{bytes: [...]}` when it is a Uint8Array).
 */
async function page(base = server.base) {
  const context = await browser.newContext();
  const p = await context.newPage();
  p.on('pageerror', (e) => console.error('page error:', e));
  await p.goto(`${base}/herald.js`);
  await p.evaluate(async (fast) => {
    window.herald = await import('/herald.js');
    window.shown = (data) => (data instanceof Uint8Array ? { bytes: Array.from(data) } : data);
    window.open = (topic, transports) =>
      new Promise((resolve, reject) => {
        const sockets = [];
        class Recorded extends WebSocket {
          constructor(url, protocols) {
            super(url, protocols);
            this.offered = protocols ?? null;
            sockets.push(this);
          }
        }
        const c = window.herald.connect('/', { ...fast, transports, WebSocket: Recorded });
        const got = [];
        c.subscribe(topic, (m) => got.push({ id: m.id, event: m.event, data: window.shown(m.data) }));
        c.on('open', () => resolve({ c, got, sockets }));
        c.on('error', (e) => reject(new Error(`${e.code}: ${e.message}`)));
      });
  }, FAST);
  return { page: p, context };
}

test('herald.js offers herald.v1 and the server selects it', async () => {
  const { page: p, context } = await page();
  try {
    const seen = await p.evaluate(async () => {
      const { c, sockets } = await window.open('test/v1/offer', ['websocket']);
      const out = { count: sockets.length, protocol: sockets[0].protocol, binaryType: sockets[0].binaryType };
      c.close();
      return out;
    });
    assert.deepEqual(seen, { count: 1, protocol: 'herald.v1', binaryType: 'arraybuffer' });
  } finally {
    await context.close();
  }
});

test('bytes published over WebSocket (binary frame), HTTP and as a Blob reach WebSocket and SSE subscribers as Uint8Array, in order', async () => {
  const { page: p, context } = await page();
  const topic = 'test/binary/mixed';
  const binarySent = [];
  p.on('websocket', (ws) => ws.on('framesent', ({ payload }) => typeof payload !== 'string' && binarySent.push(payload.length)));
  try {
    const result = await p.evaluate(async (topic) => {
      const ws = await window.open(topic, ['websocket']);
      const sse = await window.open(topic, ['sse']);
      const publisher = await window.open('test/binary/publisher', ['websocket']);
      const http = window.herald.connect('/'); // no subscription: it publishes over HTTP
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await publisher.c.publish(topic, all, 'bytes-ws');
      await publisher.c.publish(topic, { n: 1 }, 'json');
      await http.publish(topic, all.buffer.slice(250), 'bytes-http');
      await publisher.c.publish(topic, new Blob([new Uint8Array([7, 8, 9])]), 'blob');
      await publisher.c.publish(topic, new Uint8Array(0), 'empty');
      const deadline = Date.now() + 15000;
      while ((ws.got.length < 5 || sse.got.length < 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const history = await http.history(topic);
      const out = {
        ws: ws.got,
        sse: sse.got,
        history: history.messages.map((m) => ({ id: m.id, event: m.event, data: window.shown(m.data) })),
        protocol: ws.sockets[0].protocol,
      };
      for (const x of [ws.c, sse.c, publisher.c, http]) x.close();
      return out;
    }, topic);
    const expected = [
      { event: 'bytes-ws', data: { bytes: Array.from({ length: 256 }, (_, i) => i) } },
      { event: 'json', data: { n: 1 } },
      { event: 'bytes-http', data: { bytes: [250, 251, 252, 253, 254, 255] } },
      { event: 'blob', data: { bytes: [7, 8, 9] } },
      { event: 'empty', data: { bytes: [] } },
    ];
    const shape = (ms) => ms.map(({ event, data }) => ({ event, data }));
    assert.equal(result.protocol, 'herald.v1');
    // The three byte publishes over the socket went as binary frames: a header, a newline, the bytes.
    const header = (event, ref) => Buffer.byteLength(JSON.stringify({ type: 'publish', topic, event, ref }));
    assert.equal(binarySent.length, 3, `binary frames sent: ${binarySent}`);
    assert.ok(binarySent[0] > header('bytes-ws', 1) + 256 && binarySent[0] < header('bytes-ws', 1) + 256 + 4, `${binarySent[0]} bytes`);
    assert.deepEqual(shape(result.ws), expected, 'over WebSocket');
    assert.deepEqual(shape(result.sse), expected, 'over SSE');
    assert.deepEqual(shape(result.history), expected, 'in history');
    assert.deepEqual(result.sse.map((m) => m.id), result.ws.map((m) => m.id), 'the same messages');
    // Stored in the declared form: what every transport and the history carry.
    const stored = await server.messages(topic, 'earliest');
    assert.deepEqual(stored.messages.map((m) => m.data), [{ $base64: Buffer.from(expected[0].data.bytes).toString('base64') }, { n: 1 }, { $base64: '+vv8/f7/' }, { $base64: 'BwgJ' }, { $base64: '' }]);
  } finally {
    await context.close();
  }
});

test('request/reply over WebSocket and over HTTP: replies, the application`s failure, timeouts and refusals are typed', async () => {
  const { page: p, context } = await page();
  try {
    const result = await p.evaluate(async () => {
      const ws = await window.open('test/req/open', ['websocket']);
      const http = window.herald.connect('/');
      const settle = (promise) =>
        promise.then(
          (data) => ({ data: window.shown(data) }),
          (e) => ({ code: e.code, status: e.status, message: e.message, retryable: e.retryable }),
        );
      const ask = (c) =>
        Promise.all([
          settle(c.request('test/req/echo', { n: 1 })),
          settle(c.request('test/req/later', new Uint8Array([1, 2, 3]))),
          settle(c.request('test/req/fail', 1)),
          settle(c.request('test/req/silent', 1, { timeout: 300 })),
          settle(c.request('private/echo', 1)),
          settle(c.request('test/req/echo', 1, { timeout: 0 })),
        ]);
      const out = { ws: await ask(ws.c), http: await ask(http), open: ws.c.status };
      // A request waiting when the socket goes is failed, not sent again.
      const waiting = settle(ws.c.request('test/req/silent', 1, { timeout: 5000 }));
      await new Promise((r) => setTimeout(r, 100));
      ws.c.use('websocket');
      out.dropped = await waiting;
      ws.c.close();
      http.close();
      return out;
    });
    for (const [via, transport] of [['ws', 'websocket'], ['http', 'http']]) {
      const [echo, later, fail, silent, refused, bad] = result[via];
      assert.deepEqual(echo, { data: { echo: { n: 1 }, caller: 'anonymous', transport } }, `${via} echo`);
      assert.deepEqual(later, { data: { bytes: [1, 2, 3] } }, `${via}: bytes there and back`);
      assert.deepEqual(fail, { code: 'out-of-stock', status: 422, message: 'none left', retryable: false }, `${via} fail`);
      assert.deepEqual({ ...silent, message: undefined }, { code: 'request-timeout', status: 504, message: undefined, retryable: true }, `${via} silent`);
      assert.deepEqual([refused.code, refused.status], ['unauthenticated', 401], `${via} refused`);
      assert.deepEqual([bad.code, bad.status], ['bad-timeout', 400], `${via} bad timeout`);
    }
    assert.equal(result.open, 'open', 'refused requests leave the connection open');
    assert.deepEqual([result.dropped.code, result.dropped.message], ['connection-lost', 'the connection closed before the reply came; the request is not sent again']);
  } finally {
    await context.close();
  }
});

/**
 * A TCP proxy to the server that drops `Sec-WebSocket-Protocol` from each connection's first
 * request: the server sees no offer and selects none, as a server older than herald.v1 would.
 */
async function withoutSubprotocols() {
  const proxy = net.createServer((client) => {
    const upstream = net.connect(server.port, 'localhost');
    let head = Buffer.alloc(0);
    const first = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', first);
      const text = head.subarray(0, end).toString('latin1').replace(/\r\nSec-WebSocket-Protocol:[^\r]*/gi, '');
      upstream.write(Buffer.concat([Buffer.from(text, 'latin1'), head.subarray(end)]));
      client.pipe(upstream);
    };
    client.on('data', first);
    upstream.pipe(client);
    const close = () => (client.destroy(), upstream.destroy());
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise((r) => proxy.listen(0, 'localhost', r));
  return { base: `http://localhost:${proxy.address().port}`, close: () => proxy.close() };
}

test('a server that selects no subprotocol: Chromium fails the offer, herald.js reconnects at once without it and bytes go as $base64', async () => {
  const old = await withoutSubprotocols();
  const { page: p, context } = await page(old.base);
  const binarySent = [];
  p.on('websocket', (ws) => ws.on('framesent', ({ payload }) => typeof payload !== 'string' && binarySent.push(payload.length)));
  try {
    const result = await p.evaluate(async () => {
      const { c, got, sockets } = await window.open('test/old/files', ['websocket']);
      await c.publish('test/old/files', new Uint8Array([1, 2, 3]), 'bytes');
      const deadline = Date.now() + 10000;
      while (got.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const out = { sockets: sockets.map((s) => ({ offered: s.offered, protocol: s.protocol })), got: got.map((m) => m.data), transport: c.transport };
      c.close();
      return out;
    });
    assert.deepEqual(result.sockets, [{ offered: ['herald.v1'], protocol: '' }, { offered: null, protocol: '' }]);
    assert.equal(result.transport, 'websocket', 'still on WebSocket: no fallback to SSE');
    assert.deepEqual(result.got, [{ bytes: [1, 2, 3] }]);
    assert.deepEqual(binarySent, [], 'no binary frame to a server that did not select herald.v1');
    assert.deepEqual((await server.messages('test/old/files', 'earliest')).messages.map((m) => m.data), [{ $base64: 'AQID' }]);
  } finally {
    await context.close();
    old.close();
  }
});

for (const shared of ['worker', 'tabs']) {
  test(`shared: '${shared}': bytes reach both tabs as Uint8Array through the shared connection, and a tab's request is answered`, async () => {
    const context = await browser.newContext();
    const topic = `test/shared-binary/${shared}`;
    try {
      const tabs = [];
      for (let i = 0; i < 2; i++) {
        const p = await context.newPage();
        p.on('pageerror', (e) => console.error('page error:', e));
        await p.goto(`${server.base}/herald.js`);
        await p.evaluate(
          async ([topic, options]) => {
            const herald = await import('/herald.js');
            const c = herald.connect('/', options);
            const got = [];
            c.subscribe(topic, (m) => got.push(m.data instanceof Uint8Array ? { bytes: Array.from(m.data) } : m.data));
            window.S = { c, got };
          },
          [topic, { ...FAST, shared }],
        );
        tabs.push(p);
        // The first tab leads ('tabs') before the second joins.
        await p.waitForFunction(() => window.S.c.status === 'open', null, { timeout: 20_000 });
      }
      await tabs[0].evaluate(([t]) => window.S.c.publish(t, new Uint8Array([1, 2, 3]), 'first'), [topic]);
      await tabs[1].evaluate(([t]) => window.S.c.publish(t, new Uint8Array([4, 5]).buffer, 'second'), [topic]);
      for (const p of tabs) await p.waitForFunction(() => window.S.got.length >= 2, null, { timeout: 15_000 });
      for (const p of tabs) assert.equal(await p.evaluate(() => window.S.c.mode), shared);
      for (const p of tabs) assert.deepEqual(await p.evaluate(() => window.S.got), [{ bytes: [1, 2, 3] }, { bytes: [4, 5] }]);
      const reply = await tabs[1].evaluate(async () => {
        const r = await window.S.c.request('test/req/later', new Uint8Array([9]));
        return { isBytes: r instanceof Uint8Array, bytes: Array.from(r) };
      });
      assert.deepEqual(reply, { isBytes: true, bytes: [9] });
    } finally {
      await context.close();
    }
  });
}
