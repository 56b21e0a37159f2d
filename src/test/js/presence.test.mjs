// client.presence() over GET /api/presence and the WebSocket `presence` frame, and join/leave
// events (opt-in `presence: true`) on WebSocket and SSE, delivered in order with messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/js/herald.js';
import { FakeSocket, fakeServer, onSocket, problemResponse, sseMessage, sseSubscribed, until } from './fakes.mjs';

test('presence over HTTP: count and members; a refusal rejects with its code; a topic is required', async () => {
  const server = fakeServer((r) => {
    if (!r.path.endsWith('/api/presence')) return undefined;
    const topic = r.url.searchParams.get('topic');
    if (topic === 'secret') return problemResponse(403, 'forbidden', 'not for you');
    return Response.json(topic === 'rooms/a' ? { topic, count: 2, members: ['alice', 'bob'] } : { topic, count: 5 });
  });
  const c = connect('https://herald.test/', { fetch: server.fetch, token: 'tok' });
  assert.deepEqual(await c.presence('rooms/a'), { count: 2, members: ['alice', 'bob'] });
  assert.deepEqual(await c.presence('b c'), { count: 5 });
  assert.equal(server.calls[1].url.search, '?topic=b%20c');
  assert.equal(server.calls[0].headers.Authorization, 'Bearer tok');
  await assert.rejects(c.presence('secret'), { name: 'HeraldError', code: 'forbidden', status: 403 });
  await assert.rejects(c.presence(''), { code: 'bad-topic' });
  assert.equal(c.status, 'idle', 'presence opens no connection');
  c.close();
});

test('presence on an open WebSocket: a `presence` frame with a ref; an error frame rejects', async () => {
  const { c, ws, server } = await onSocket();
  assert.equal(ws.last('subscribe').presence, undefined, 'no events unless asked');
  const pending = c.presence('t');
  await until(() => ws.last('presence'));
  const frame = ws.last('presence');
  assert.deepEqual(frame, { type: 'presence', topic: 't', ref: frame.ref });
  ws.server({ type: 'presence', ref: frame.ref, topic: 't', count: 3 });
  assert.deepEqual(await pending, { count: 3 });
  const refused = c.presence('x');
  await until(() => ws.last('presence').ref !== frame.ref);
  ws.server({ type: 'error', ref: ws.last('presence').ref, code: 'forbidden', message: 'no' });
  await assert.rejects(refused, { code: 'forbidden' });
  assert.equal(server.calls.length, 0, 'nothing over HTTP');
  c.close();
});

test('WebSocket with presence: true: subscribe asks for events; join/leave reach the client and the subscriptions holding the topic, in order with messages', async () => {
  FakeSocket.all = [];
  const c = connect('https://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, fetch: fakeServer().fetch, presence: true });
  const seen = [];
  const a = c.subscribe('a', (m) => seen.push(`message ${m.id}`));
  const b = c.subscribe('b', () => {});
  a.on('join', (e) => seen.push(`a join ${e.member ?? '-'} ${e.count}`));
  a.on('leave', (e) => seen.push(`a leave ${e.member ?? '-'} ${e.count}`));
  b.on('join', (e) => seen.push(`b join ${e.topic}`));
  c.on('join', (e) => seen.push(`client join ${e.topic}`));
  await until(() => FakeSocket.all[0]?.sent.length >= 1);
  const ws = FakeSocket.all[0];
  assert.equal(ws.last('subscribe').presence, true);
  ws.server({ type: 'subscribed', topics: ['a', 'b'], cursor: 'e-1' });
  ws.server({ type: 'join', topic: 'a', count: 2, member: 'carol' });
  ws.server({ type: 'message', id: 'e-2', topic: 'a', event: 'message', data: 1, time: '' });
  ws.server({ type: 'leave', topic: 'a', count: 1 });
  await until(() => seen.length === 4);
  assert.deepEqual(seen, ['client join a', 'a join carol 2', 'message e-2', 'a leave - 1']);
  assert.equal(c.cursor, 'e-2', 'events do not move the cursor');
  c.close();
});

test('SSE with presence: true: the stream asks for events; `join`/`leave` events reach the subscription', async () => {
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['sse'], fetch: server.fetch, presence: true });
  const seen = [];
  const s = c.subscribe('t', (m) => seen.push(m.id));
  s.on('join', (e) => seen.push(e));
  s.on('leave', (e) => seen.push(e));
  await until(() => server.sse.length === 1);
  assert.equal(server.sse[0].url.searchParams.get('presence'), 'true');
  server.sse[0].write(sseSubscribed('e-0', ['t']));
  server.sse[0].write('event: join\ndata: {"topic":"t","count":2,"member":"bob"}\n\n');
  server.sse[0].write(sseMessage(1));
  server.sse[0].write('event: leave\ndata: {"topic":"t","count":1}\n\n');
  await until(() => seen.length === 3);
  assert.deepEqual(seen, [{ topic: 't', count: 2, member: 'bob' }, 'e-1', { topic: 't', count: 1 }]);
  assert.equal(c.cursor, 'e-1');
  c.close();
});

test('SSE: a message the application named `join` or `leave` (it has an id) is a message, not a presence event', async () => {
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['sse'], fetch: server.fetch, presence: true });
  const seen = [];
  const s = c.subscribe('t', (m) => seen.push(`${m.event} ${m.id} ${m.data.who}`));
  s.on('join', (e) => seen.push(`presence join ${e.count}`));
  await until(() => server.sse.length === 1);
  server.sse[0].write(sseSubscribed('e-0', ['t']));
  const named = (seq, event) =>
    `event: ${event}\nid: e-${seq}\ndata: ${JSON.stringify({ id: `e-${seq}`, topic: 't', event, data: { who: 'ann' }, time: '' })}\n\n`;
  server.sse[0].write(named(1, 'join') + 'event: join\ndata: {"topic":"t","count":2}\n\n' + named(2, 'leave'));
  await until(() => seen.length === 3);
  assert.deepEqual(seen, ['join e-1 ann', 'presence join 2', 'leave e-2 ann']);
  assert.equal(c.cursor, 'e-2', 'both messages moved the cursor');
  c.close();
});
