// Unit tests of offline publishes (`offlineQueue`): queued while the client is away, sent once it is
// back, in order, each once; never resent after the connection dropped before the answer; bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/js/herald.js';
import { FakeSocket, fakeServer, sleep, until } from './fakes.mjs';

/** A WebSocket client that opened once and then lost its connection (reconnecting in 5 s). */
async function droppedClient(options = {}) {
  FakeSocket.all = [];
  const server = fakeServer();
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, fetch: server.fetch, backoff: { base: 60_000, cap: 60_000 }, ...options });
  c.subscribe('t');
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  FakeSocket.all[0].server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  FakeSocket.all[0].drop(1006);
  assert.equal(c.status, 'reconnecting');
  return { c, server };
}

test('publishes while away wait in the queue and go, in order and once each, when the client is back', async () => {
  const { c, server } = await droppedClient({ offlineQueue: 10 });
  const results = [c.publish('t', 1), c.publish('t', 2, 'say'), c.publish('t', 3)];
  await sleep(10);
  assert.equal(server.calls.length, 0, 'nothing sent while away');
  c.wakeUp(); // as the browser's 'online' event does
  await until(() => FakeSocket.all[1]?.sent.length === 1);
  const ws = FakeSocket.all[1];
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  for (let i = 0; i < 3; i++) {
    await until(() => ws.sent.filter((f) => f.type === 'publish').length === i + 1);
    const f = ws.last('publish');
    ws.server({ type: 'ack', ref: f.ref, id: `e-${10 + i}` });
  }
  assert.deepEqual(await Promise.all(results), [{ id: 'e-10' }, { id: 'e-11' }, { id: 'e-12' }]);
  assert.deepEqual(ws.sent.filter((f) => f.type === 'publish').map((f) => [f.data, f.event]), [[1, undefined], [2, 'say'], [3, undefined]]);
  await sleep(20);
  assert.equal(ws.sent.filter((f) => f.type === 'publish').length, 3, 'each sent once');
  assert.equal(server.calls.length, 0, 'none over HTTP as well');
  c.close();
});

test('a queued publish sent but not acknowledged when the connection drops is not resent: connection-lost', async () => {
  const { c } = await droppedClient({ offlineQueue: 10 });
  const first = c.publish('t', 'sent-once').then(() => null, (e) => e);
  const second = c.publish('t', 'waits');
  c.wakeUp();
  await until(() => FakeSocket.all[1]?.sent.length === 1);
  FakeSocket.all[1].server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  await until(() => FakeSocket.all[1].last('publish'));
  FakeSocket.all[1].drop(1006);
  const e = await first;
  assert.deepEqual([e.code, e.retryable], ['connection-lost', true]);
  c.wakeUp();
  await until(() => FakeSocket.all[2]?.sent.length === 1);
  const ws = FakeSocket.all[2];
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  await until(() => ws.last('publish'));
  ws.server({ type: 'ack', ref: ws.last('publish').ref, id: 'e-7' });
  assert.deepEqual(await second, { id: 'e-7' });
  const all = FakeSocket.all.flatMap((s) => s.sent.filter((f) => f.type === 'publish').map((f) => f.data));
  assert.deepEqual(all, ['sent-once', 'waits'], 'the unacknowledged one was not sent again');
  c.close();
});

test('the queue is bounded: a publish past it rejects with queue-full; close rejects what waits', async () => {
  const { c } = await droppedClient({ offlineQueue: 2 });
  const waiting = [c.publish('t', 1).catch((e) => e), c.publish('t', 2).catch((e) => e)];
  await assert.rejects(c.publish('t', 3), (e) => e.code === 'queue-full' && e.retryable === true);
  c.close();
  assert.deepEqual((await Promise.all(waiting)).map((e) => [e.code, e.retryable]), [['closed', false], ['closed', false]]);
});

test('without offlineQueue a publish while away goes over HTTP at once, as before', async () => {
  const { c, server } = await droppedClient();
  assert.deepEqual(await c.publish('t', 1), { id: 'e-p1' });
  assert.equal(server.calls[0].path, '/api/publish');
  c.close();
});

test('an idle client queues while the browser is offline and sends on its online event', async () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
  try {
    const server = fakeServer();
    const c = connect('http://herald.test/', { fetch: server.fetch, offlineQueue: 5 });
    const p = c.publish('t', 1);
    await sleep(10);
    assert.equal(server.calls.length, 0);
    globalThis.navigator.onLine = true;
    c.wakeUp();
    assert.deepEqual(await p, { id: 'e-p1' });
    assert.equal(server.calls.length, 1);
    c.close();
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete globalThis.navigator;
  }
});
