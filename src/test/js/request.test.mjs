// client.request(): the WebSocket `request` frame and POST /api/request, typed errors, the bound on
// waiting requests, and a request pending when the socket drops (fails, never sent again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedClient, connect } from '../../main/js/herald.js';
import { requestError } from '../../main/js/request.js';
import { FakeSocket, fakeServer, onSocket, problemResponse, until } from './fakes.mjs';

test('over an open WebSocket: a `request` frame with a ref, settled by the `reply` with that ref', async () => {
  const { c, ws, server } = await onSocket();
  const asked = c.request('quotes/ask', { symbol: 'ACME' }, { timeout: 2000 });
  await until(() => ws.last('request'));
  const frame = ws.last('request');
  assert.deepEqual(frame, { type: 'request', topic: 'quotes/ask', data: { symbol: 'ACME' }, timeout: 2000, ref: frame.ref });
  const other = c.request('quotes/ask', new Uint8Array([1, 2]));
  await until(() => ws.last('request').ref !== frame.ref);
  const second = ws.last('request');
  assert.deepEqual(second, { type: 'request', topic: 'quotes/ask', data: { $base64: 'AQI=' }, ref: second.ref }, 'bytes as $base64, no timeout given');
  // Replies come in the order the application gives them.
  ws.server({ type: 'reply', ref: second.ref, data: { $base64: 'AwQ=' } });
  ws.server({ type: 'reply', ref: frame.ref, data: 12.5 });
  assert.equal(await asked, 12.5);
  assert.deepEqual(await other, new Uint8Array([3, 4]));
  assert.equal(server.calls.length, 0, 'nothing over HTTP');
  c.close();
});

test('over WebSocket: error frames are typed like the HTTP answers (504, 501, 422 with the app code)', async () => {
  const { c, ws } = await onSocket();
  const cases = [
    ['request-timeout', 'no reply within 2000 ms', 504, true],
    ['no-responder', 'nobody answers', 501, false],
    ['out-of-stock', 'none left', 422, false],
    ['forbidden', "ada may not publish to topic 'x'", 403, false],
    ['too-many-requests', '100 wait', 429, true],
  ];
  for (const [code, message, status, retryable] of cases) {
    const p = c.request('shop/buy', { n: 1 });
    await until(() => ws.last('request')?.ref && !ws.last('request').answered);
    const f = ws.last('request');
    f.answered = true;
    ws.server({ type: 'error', ref: f.ref, code, message });
    await assert.rejects(p, { name: 'HeraldError', code, message, status, retryable }, code);
  }
  assert.equal(c.status, 'open', 'a refused request affects nothing else');
  c.close();
});

test('a request pending when the socket drops fails with connection-lost and is not sent again', async () => {
  const { c, ws } = await onSocket({ backoff: { base: 1, cap: 1 } });
  const p = c.request('slow/later', { n: 1 });
  await until(() => ws.last('request'));
  ws.drop(1001, 'going away');
  await assert.rejects(p, { code: 'connection-lost', message: 'the connection closed before the reply came; the request is not sent again', retryable: true });
  await until(() => FakeSocket.all.length === 2 && FakeSocket.all[1].sent.length === 1);
  const again = FakeSocket.all[1];
  again.server({ type: 'subscribed', topics: ['t'], cursor: 'e-0' });
  await until(() => c.status === 'open');
  assert.deepEqual(again.sent.map((f) => f.type), ['subscribe'], 'no request on the new socket');
  // A late reply on the old socket reaches nothing.
  ws.server({ type: 'reply', ref: ws.last('request').ref, data: 1 });
  c.close();
});

test('no answer from the server at all: `timeout` two seconds past the request timeout', async () => {
  const { c, ws } = await onSocket();
  const started = Date.now();
  const p = c.request('x/silent', 1, { timeout: 1 });
  await until(() => ws.last('request'));
  await assert.rejects(p, { code: 'timeout' });
  const took = Date.now() - started;
  assert.ok(took >= 2000 && took < 3500, `gave up after ${took} ms`);
  c.close();
});

test('without an open WebSocket: POST /api/request with the token, the reply is the answer`s data', async () => {
  const server = fakeServer((r) => {
    if (!r.path.endsWith('/api/request')) return undefined;
    const body = JSON.parse(r.init.body);
    if (body.topic === 'shop/buy') return problemResponse(422, 'out-of-stock', 'none left');
    if (body.topic === 'nobody/here') return problemResponse(501, 'no-responder', 'no observer');
    if (body.topic === 'x/silent') return problemResponse(504, 'request-timeout', 'no reply within 10 ms');
    return Response.json({ data: { echo: body.data, bytes: { $base64: 'AQI=' } } });
  });
  const c = connect('https://herald.test/', { fetch: server.fetch, token: 'tok' });
  assert.deepEqual(await c.request('quotes/ask', { symbol: 'ACME' }, { timeout: 1500 }), { echo: { symbol: 'ACME' }, bytes: { $base64: 'AQI=' } }, 'only top-level envelopes are decoded');
  const [call] = server.calls;
  assert.equal(call.path, '/api/request');
  assert.equal(call.init.method, 'POST');
  assert.equal(call.headers.Authorization, 'Bearer tok');
  assert.deepEqual(JSON.parse(call.init.body), { topic: 'quotes/ask', data: { symbol: 'ACME' }, timeout: 1500 });
  await assert.rejects(c.request('shop/buy', 1), { code: 'out-of-stock', status: 422, message: 'none left', retryable: false });
  await assert.rejects(c.request('nobody/here', 1), { code: 'no-responder', status: 501, retryable: false });
  await assert.rejects(c.request('x/silent', 1, { timeout: 10 }), { code: 'request-timeout', status: 504, retryable: true });
  assert.equal(c.status, 'idle', 'a request opens no connection');
  c.close();
});

test('over HTTP: a reply that is only $base64 data is a Uint8Array; a network failure is `network`', async () => {
  let down = false;
  const server = fakeServer((r) => {
    if (down) throw new TypeError('fetch failed');
    return r.path.endsWith('/api/request') ? Response.json({ data: { $base64: 'AAEC/w==' } }) : undefined;
  });
  const c = connect('https://herald.test/', { fetch: server.fetch });
  assert.deepEqual(await c.request('files/get', 'x'), new Uint8Array([0, 1, 2, 255]));
  down = true;
  await assert.rejects(c.request('files/get', 'x'), { code: 'network', retryable: true });
  c.close();
});

test('bad input is refused before anything is sent; a closed client refuses', async () => {
  const server = fakeServer();
  const c = connect('https://herald.test/', { fetch: server.fetch });
  for (const timeout of [0, 30001, 1.5, '100', null]) {
    await assert.rejects(c.request('a', 1, { timeout }), { code: 'bad-timeout', status: 400 }, String(timeout));
  }
  await assert.rejects(c.request('a', undefined), { code: 'missing-data', status: 400 });
  await assert.rejects(c.request('', 1), { code: 'bad-topic', status: 400 });
  assert.equal(server.calls.length, 0);
  c.close();
  await assert.rejects(c.request('a', 1), { code: 'closed' });
});

test('at most 100 requests wait at once: the next is refused with too-many-requests until one settles', async () => {
  const { c, ws } = await onSocket();
  const waiting = Array.from({ length: 100 }, (_, i) => c.request('x/later', i));
  await until(() => ws.sent.filter((f) => f.type === 'request').length === 100);
  await assert.rejects(c.request('x/later', 100), { code: 'too-many-requests', status: 429, retryable: true });
  const first = ws.sent.find((f) => f.type === 'request');
  ws.server({ type: 'reply', ref: first.ref, data: 'ok' });
  assert.equal(await waiting[0], 'ok');
  const more = c.request('x/later', 101);
  await until(() => ws.sent.filter((f) => f.type === 'request').length === 101);
  c.close();
  const settled = await Promise.allSettled([...waiting.slice(1), more]);
  assert.ok(settled.every((s) => s.status === 'rejected' && s.reason.code === 'connection-lost'), 'close fails what waits');
});

test('requestError: the server`s codes keep their HTTP status, any other code is the application`s (422)', () => {
  assert.equal(requestError('request-timeout', 'x').status, 504);
  assert.equal(requestError('rate-limited', 'x').status, 429);
  assert.equal(requestError('bad-timeout', 'x').status, 400);
  const app = requestError('out-of-stock', 'none left');
  assert.deepEqual([app.code, app.message, app.status, app.retryable], ['out-of-stock', 'none left', 422, false]);
});

test('a shared client asks from its own tab (over HTTP while another tab holds the connection)', async () => {
  const server = fakeServer((r) => (r.path.endsWith('/api/request') ? Response.json({ data: JSON.parse(r.init.body).data }) : undefined));
  const c = new SharedClient('https://herald.test/', { fetch: server.fetch }, {
    worker: null,
    locks: { request: () => new Promise(() => {}) }, // never granted: another tab leads
    channel: () => ({ postMessage() {}, close() {} }),
  });
  assert.deepEqual(await c.request('quotes/ask', { n: 2 }, { timeout: 100 }), { n: 2 });
  assert.deepEqual(JSON.parse(server.calls[0].init.body), { topic: 'quotes/ask', data: { n: 2 }, timeout: 100 });
  c.close();
  await assert.rejects(c.request('quotes/ask', 1), { code: 'closed' });
});
