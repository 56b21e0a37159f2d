// Binary data (binary.js) and the herald.v1 subprotocol: the envelope and frame codecs, binary
// frames both ways on a WebSocket whose server selected herald.v1, `$base64` data on one that
// selected none and over HTTP, decoding on every transport and in history, and the retry without
// the offer when a browser fails the handshake of an older server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/js/herald.js';
import { decodeFrame, encodeFrame, fromBase64, fromWire, isEnvelope, toBase64, toBytes, toWire } from '../../main/js/binary.js';
import { fakeServer, sleep, until } from './fakes.mjs';

/**
 * A scripted WebSocket that records its offered `protocols` and binary frames (`{bytes, header}`).
 * `Socket.selects` is the subprotocol the server picks from an offer (or '' for an older server);
 * `Socket.strict` makes it fail an offer the server did not select as a browser does (1006, never open).
 */
class Socket {
  static all = [];
  static selects = 'herald.v1';
  static strict = false;
  constructor(url, protocols) {
    Object.assign(this, { url, protocols, sent: [], binaryType: 'blob' });
    Socket.all.push(this);
    const offered = Array.isArray(protocols) ? protocols : protocols ? [protocols] : [];
    this.protocol = offered.includes(Socket.selects) ? Socket.selects : '';
    const fails = Socket.strict && offered.length > 0 && !this.protocol;
    setTimeout(() => (fails ? this.onclose?.({ code: 1006, reason: '' }) : this.onopen?.()), 0);
  }
  send(data) {
    if (typeof data === 'string') this.sent.push(JSON.parse(data));
    else this.sent.push({ binary: decodeFrame(data), raw: data });
  }
  close() {
    this.closedByClient = true;
  }
  server(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  /** A binary frame from the server: `header` and `bytes`, as an ArrayBuffer (binaryType 'arraybuffer'). */
  serverBinary(header, bytes) {
    const f = encodeFrame(header, bytes);
    this.onmessage?.({ data: f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) });
  }
  last(type) {
    return this.sent.filter((f) => f.type === type).at(-1);
  }
}

function reset({ selects = 'herald.v1', strict = false } = {}) {
  Socket.all = [];
  Socket.selects = selects;
  Socket.strict = strict;
}

/** A client on one WebSocket subscribed to `t`, its socket confirmed; `got` collects messages. */
async function onSocket(options = {}) {
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['websocket'], WebSocket: Socket, fetch: server.fetch, ...options });
  const got = [];
  c.subscribe('t', (m) => got.push(m));
  await until(() => Socket.all.at(-1)?.sent.length === 1);
  const ws = Socket.all.at(-1);
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-0' });
  await until(() => c.status === 'open');
  return { c, ws, got, server };
}

const bytes = (...b) => new Uint8Array(b);

test('base64: every byte value and a payload past one chunk survive the round trip', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromBase64(toBase64(all)), all);
  assert.equal(toBase64(bytes(0, 1, 2, 255)), 'AAEC/w==');
  const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 255);
  assert.deepEqual(fromBase64(toBase64(big)), big);
  assert.throws(() => fromBase64('not base64!'));
});

test('envelope: only an object whose one member is a string $base64; bytes of every kind go as it', () => {
  assert.equal(isEnvelope({ $base64: 'AA==' }), true);
  for (const v of [{ $base64: 1 }, { $base64: 'AA==', x: 1 }, [], null, 'AA==', bytes(1), {}]) assert.equal(isEnvelope(v), false, JSON.stringify(v));
  assert.deepEqual(toWire(bytes(0, 1, 2, 255)), { $base64: 'AAEC/w==' });
  assert.deepEqual(toWire(bytes(0, 1, 2, 255).buffer), { $base64: 'AAEC/w==' });
  assert.deepEqual(toWire(new DataView(bytes(9, 0, 1, 2, 255).buffer, 1)), { $base64: 'AAEC/w==' });
  assert.deepEqual(toWire({ a: 1 }), { a: 1 });
  assert.deepEqual(toBytes(new Uint16Array([0x0201])), bytes(1, 2));
  assert.deepEqual(fromWire({ $base64: 'AAEC/w==' }), bytes(0, 1, 2, 255));
  assert.deepEqual(fromWire({ $base64: 'AAEC/w==' }, false), { $base64: 'AAEC/w==' });
  assert.deepEqual(fromWire(bytes(7), false), { $base64: 'Bw==' });
  assert.deepEqual(fromWire({ $base64: '%%' }), { $base64: '%%' }, 'not base64: handed over as it is');
  assert.equal(fromWire('x'), 'x');
});

test('binary frame: a UTF-8 JSON header, a newline, the bytes; a frame without both is null', () => {
  const f = encodeFrame({ type: 'publish', topic: 'files/ü' }, bytes(10, 0, 10));
  const head = new TextEncoder().encode('{"type":"publish","topic":"files/ü"}');
  assert.deepEqual(f, Uint8Array.from([...head, 10, 10, 0, 10]));
  assert.deepEqual(decodeFrame(f), { header: { type: 'publish', topic: 'files/ü' }, bytes: bytes(10, 0, 10) });
  assert.deepEqual(decodeFrame(f.buffer), { header: { type: 'publish', topic: 'files/ü' }, bytes: bytes(10, 0, 10) });
  assert.deepEqual(decodeFrame(encodeFrame({ type: 'x' }, bytes())), { header: { type: 'x' }, bytes: bytes() });
  const text = (s) => new TextEncoder().encode(s);
  assert.equal(decodeFrame(text('{"type":"message"}')), null, 'no newline');
  assert.equal(decodeFrame(text('{"type":\n')), null, 'header not JSON');
  assert.equal(decodeFrame(text('[1]\nxy')), null, 'header not an object');
  assert.equal(decodeFrame('{}\n'), null, 'not bytes');
});

test('herald.v1 selected: the socket offers it, reads array buffers, publishes bytes as a binary frame', async () => {
  reset();
  const { c, ws } = await onSocket();
  assert.deepEqual(ws.protocols, ['herald.v1']);
  assert.equal(ws.binaryType, 'arraybuffer');
  const sent = c.publish('files/x', bytes(0, 1, 2, 255).buffer, 'upload');
  await until(() => ws.sent.length === 2);
  const { binary } = ws.sent[1];
  assert.deepEqual(binary.header, { type: 'publish', topic: 'files/x', event: 'upload', ref: binary.header.ref });
  assert.deepEqual(binary.bytes, bytes(0, 1, 2, 255));
  ws.server({ type: 'ack', ref: binary.header.ref, id: 'e-9' });
  assert.deepEqual(await sent, { id: 'e-9' });
  // JSON still goes as a text frame.
  const json = c.publish('files/x', { a: 1 });
  await until(() => ws.sent.length === 3);
  assert.deepEqual(ws.sent[2], { type: 'publish', topic: 'files/x', data: { a: 1 }, ref: ws.sent[2].ref });
  ws.server({ type: 'ack', ref: ws.sent[2].ref, id: 'e-10' });
  assert.deepEqual(await json, { id: 'e-10' });
  c.close();
});

test('herald.v1 selected: a binary message frame is a message with Uint8Array data, in the same cursor order as text', async () => {
  reset();
  const { c, ws, got } = await onSocket();
  ws.serverBinary({ type: 'message', id: 'e-1', topic: 't', event: 'file', time: 'T1' }, bytes(1, 2, 3));
  ws.server({ type: 'message', id: 'e-2', topic: 't', event: 'json', data: { $base64: 'BAU=' }, time: 'T2' });
  ws.server({ type: 'message', id: 'e-3', topic: 't', event: 'json', data: { n: 3 }, time: 'T3' });
  // Already delivered (a resume overlapping the live stream): dropped whichever frame repeats it.
  ws.serverBinary({ type: 'message', id: 'e-2', topic: 't', event: 'json', time: 'T2' }, bytes(4, 5));
  ws.server({ type: 'message', id: 'e-1', topic: 't', event: 'file', data: { $base64: 'AQID' }, time: 'T1' });
  assert.deepEqual(got, [
    { id: 'e-1', topic: 't', event: 'file', data: bytes(1, 2, 3), time: 'T1' },
    { id: 'e-2', topic: 't', event: 'json', data: bytes(4, 5), time: 'T2' },
    { id: 'e-3', topic: 't', event: 'json', data: { n: 3 }, time: 'T3' },
  ]);
  assert.equal(c.cursor, 'e-3');
  // A reconnect resumes from the cursor a binary message moved too.
  ws.serverBinary({ type: 'message', id: 'e-4', topic: 't', event: 'file', time: 'T4' }, bytes());
  assert.equal(c.cursor, 'e-4');
  ws.onclose({ code: 1001, reason: 'going away' });
  await until(() => Socket.all.length === 2 && Socket.all[1].sent.length === 1, 3000);
  assert.deepEqual(Socket.all[1].sent[0], { type: 'subscribe', topics: ['t'], since: 'e-4', ref: Socket.all[1].sent[0].ref });
  c.close();
});

test('a binary frame that is no message is reported on `error` and nothing is delivered', async () => {
  reset();
  const { c, ws, got } = await onSocket();
  const errors = [];
  c.on('error', (e) => errors.push(e.code));
  ws.onmessage({ data: new TextEncoder().encode('no header').buffer });
  assert.deepEqual(errors, ['bad-binary']);
  assert.deepEqual(got, []);
  assert.equal(c.status, 'open');
  c.close();
});

test('decodeBinary false: the app gets the $base64 envelope from text and binary frames alike', async () => {
  reset();
  const { c, ws, got } = await onSocket({ decodeBinary: false });
  ws.serverBinary({ type: 'message', id: 'e-1', topic: 't', event: 'f', time: '' }, bytes(1, 2, 3));
  ws.server({ type: 'message', id: 'e-2', topic: 't', event: 'f', data: { $base64: 'AQID' }, time: '' });
  assert.deepEqual(got.map((m) => m.data), [{ $base64: 'AQID' }, { $base64: 'AQID' }]);
  c.close();
});

test('no subprotocol selected (an older server): bytes are published as $base64 data in a text frame', async () => {
  reset({ selects: '' });
  const { c, ws } = await onSocket();
  assert.deepEqual(ws.protocols, ['herald.v1'], 'offered all the same');
  const sent = c.publish('files/x', bytes(0, 1, 2, 255));
  await until(() => ws.sent.length === 2);
  assert.deepEqual(ws.sent[1], { type: 'publish', topic: 'files/x', data: { $base64: 'AAEC/w==' }, ref: ws.sent[1].ref });
  ws.server({ type: 'ack', ref: ws.sent[1].ref, id: 'e-5' });
  assert.deepEqual(await sent, { id: 'e-5' });
  c.close();
});

test('a handshake failed for the offer (browser, older server) is tried again at once without it, and the client stops offering', async () => {
  reset({ selects: '', strict: true });
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['websocket'], WebSocket: Socket, fetch: server.fetch, auth: 'ticket', backoff: { base: 10, cap: 10 } });
  const statuses = [];
  c.on('status', (s) => statuses.push(s.status));
  c.subscribe('t', () => {});
  await until(() => Socket.all.length === 2 && Socket.all[1].sent.length === 1);
  const [first, second] = Socket.all;
  assert.deepEqual(first.protocols, ['herald.v1']);
  assert.equal(second.protocols, undefined, 'no offer the second time');
  assert.match(first.url, /ticket=ticket-1/);
  assert.match(second.url, /ticket=ticket-2/, 'a fresh single-use ticket');
  second.server({ type: 'subscribed', topics: ['t'], cursor: 'e-0' });
  await until(() => c.status === 'open');
  assert.deepEqual(statuses, ['connecting', 'open'], 'one connection attempt as the client sees it');
  // Later connections of this client do not offer any more.
  second.onclose({ code: 1001, reason: '' });
  await until(() => Socket.all.length === 3);
  assert.equal(Socket.all[2].protocols, undefined);
  c.close();
});

test('the retry without the offer is made once: when it fails too, the transport fails as usual', async () => {
  reset({ strict: true, selects: 'none-at-all' });
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['websocket'], WebSocket: Socket, fetch: server.fetch, backoff: { base: 60_000, cap: 60_000 } });
  const reconnecting = [];
  c.on('reconnecting', (r) => reconnecting.push(r.error.code));
  c.subscribe('t', () => {});
  await until(() => Socket.all.length === 2);
  Socket.all[1].onclose({ code: 1006, reason: '' });
  await until(() => reconnecting.length === 1);
  await sleep(20);
  assert.equal(Socket.all.length, 2, 'no third socket before the backoff');
  assert.deepEqual(reconnecting, ['closed']);
  c.close();
});

test('a 1006 after the socket opened is a plain drop: no retry without the offer', async () => {
  reset();
  const { c, ws } = await onSocket({ backoff: { base: 1, cap: 1 } });
  ws.onclose({ code: 1006, reason: '' });
  await until(() => Socket.all.length === 2);
  assert.deepEqual(Socket.all[1].protocols, ['herald.v1']);
  c.close();
});

test('$base64 data is decoded on SSE and polls, in history, and bytes are published over HTTP as $base64', async () => {
  const msg = (seq) => ({ id: `e-${seq}`, topic: 't', event: 'f', data: { $base64: 'AQID' }, time: '' });
  const server = fakeServer((r) => {
    if (r.path.endsWith('/api/history')) return Response.json({ messages: [msg(1)], next: null, gap: [] });
    return undefined;
  });
  const sse = connect('https://herald.test/', { transports: ['sse'], fetch: server.fetch });
  const got = [];
  sse.subscribe('t', (m) => got.push(m.data));
  await until(() => server.sse.length === 1);
  server.sse[0].write(`event: subscribed\nid: e-0\ndata: {"topics":["t"],"cursor":"e-0"}\n\nevent: f\nid: e-1\ndata: ${JSON.stringify(msg(1))}\n\n`);
  await until(() => got.length === 1);
  assert.deepEqual(got, [bytes(1, 2, 3)]);
  sse.close();

  const poll = connect('https://herald.test/', { transports: ['longpoll'], fetch: server.fetch });
  const polled = [];
  poll.subscribe('t', (m) => polled.push(m.data));
  await until(() => server.polls.length === 1);
  server.polls[0].answer({ messages: [msg(2)], cursor: 'e-2', gap: [] });
  await until(() => polled.length === 1);
  assert.deepEqual(polled, [bytes(1, 2, 3)]);
  poll.close();

  const c = connect('https://herald.test/', { fetch: server.fetch });
  const page = await c.history('t');
  assert.deepEqual(page.messages[0].data, bytes(1, 2, 3));
  await c.publish('files/x', bytes(0, 1, 2, 255), 'upload');
  await c.publish('files/x', new Blob([bytes(9, 8)]));
  const posts = server.calls.filter((r) => r.path.endsWith('/api/publish')).map((r) => JSON.parse(r.init.body));
  assert.deepEqual(posts, [
    { topic: 'files/x', event: 'upload', data: { $base64: 'AAEC/w==' } },
    { topic: 'files/x', data: { $base64: 'CQg=' } },
  ]);
  c.close();
});
