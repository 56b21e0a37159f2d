// Unit tests of the per-subscription lifecycle: `subscribed`, `gap` and `error` on a Subscription;
// a refused topic fails its subscriptions only, on a WebSocket (per frame, by ref) and on the
// HTTP transports (a request refused whole names its first refused topic: ask again without it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/js/herald.js';
import { FakeSocket, fakeServer, problemResponse, sseMessage, sseSubscribed, sleep, until } from './fakes.mjs';

/** Records a subscription's events. */
function watch(sub) {
  const seen = { messages: [], subscribed: [], gaps: [], errors: [] };
  sub.on('subscribed', (x) => seen.subscribed.push(x));
  sub.on('gap', (x) => seen.gaps.push(x));
  sub.on('error', (e) => seen.errors.push(e));
  return seen;
}

const refusal = (topic) => `it may not subscribe to topic '${topic}'`;

test('WebSocket: a refused topic in the first subscribe fails its subscription only; the rest is subscribed again', async () => {
  FakeSocket.all = [];
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, since: 'e-3' });
  const clientErrors = [];
  c.on('error', (e) => clientErrors.push(e));
  const open = c.subscribe('open/a', (m) => open$.messages.push(m.data));
  const open$ = watch(open);
  const secret = watch(c.subscribe(['secret/x', 'open/b']));
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ws = FakeSocket.all[0];
  const first = ws.sent[0];
  assert.deepEqual(first, { type: 'subscribe', topics: ['open/a', 'secret/x', 'open/b'], since: 'e-3', ref: 1 });
  ws.server({ type: 'error', ref: first.ref, code: 'forbidden', message: refusal('secret/x') });
  assert.equal(secret.errors.length, 1);
  const [e] = secret.errors;
  assert.deepEqual([e.code, e.topic, e.retryable], ['forbidden', 'secret/x', false]);
  assert.deepEqual(clientErrors, [e]);
  assert.deepEqual(ws.sent[1], { type: 'subscribe', topics: ['open/a'], since: 'e-3', ref: 2 }, 'open/b went with the failed subscription');
  ws.server({ type: 'subscribed', topics: ['open/a'], cursor: 'e-3' });
  assert.equal(c.status, 'open');
  assert.deepEqual(open$.subscribed.map((x) => [x.topics, x.cursor, x.transport]), [[['open/a'], 'e-3', 'websocket']]);
  ws.server({ type: 'message', id: 'e-4', topic: 'open/a', event: 'n', data: 4 });
  assert.deepEqual(open$.messages, [4]);
  assert.deepEqual(open$.errors, []);
  c.close();
});

test('WebSocket: a later forbidden subscribe reaches that subscription; the connection and the others carry on', async () => {
  FakeSocket.all = [];
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket });
  const a = watch(c.subscribe('a', (m) => a.messages.push(m.data)));
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ws = FakeSocket.all[0];
  ws.server({ type: 'subscribed', topics: ['a'], cursor: 'e-1' });
  const late = c.subscribe('secret');
  const lateSeen = watch(late);
  const frame = ws.last('subscribe');
  assert.deepEqual(frame.topics, ['secret']);
  ws.server({ type: 'error', ref: frame.ref, code: 'unauthenticated', message: `authentication required: anonymous may not subscribe to topic 'secret'` });
  assert.deepEqual(lateSeen.errors.map((e) => [e.code, e.topic]), [['unauthenticated', 'secret']]);
  assert.equal(late.active, false);
  assert.equal(ws.last('unsubscribe'), undefined, 'never subscribed, nothing to unsubscribe');
  ws.server({ type: 'message', id: 'e-2', topic: 'a', event: 'n', data: 2 });
  assert.deepEqual(a.messages, [2]);
  assert.equal(c.status, 'open');
  assert.equal(FakeSocket.all.length, 1);
  // A refusal naming no topic (too many topics) fails the new subscription as a whole.
  const many = watch(c.subscribe(['b', 'c']));
  const f2 = ws.last('subscribe');
  ws.server({ type: 'error', ref: f2.ref, code: 'too-many-topics', message: 'a connection may subscribe to at most 100 topics' });
  assert.deepEqual(many.errors.map((e) => e.code), ['too-many-topics']);
  assert.equal(c.status, 'open');
  // An error frame for no known frame still reaches the app.
  const errors = [];
  c.on('error', (e) => errors.push(e));
  ws.server({ type: 'error', code: 'bad-type', message: "unknown frame type 'x'" });
  assert.deepEqual(errors.map((e) => e.code), ['bad-type']);
  c.close();
});

test('SSE and long poll: a request refused for one topic fails that subscription and asks again without it', async () => {
  for (const transport of ['sse', 'longpoll', 'poll']) {
    const server = fakeServer((r) => {
      if (r.url.searchParams.getAll('topic').includes('secret')) return problemResponse(403, 'forbidden', refusal('secret'));
    });
    const c = connect('http://herald.test/', { transports: [transport], fetch: server.fetch, pollInterval: 10, backoff: { base: 5000, cap: 5000 } });
    const a = watch(c.subscribe('a'));
    const s = watch(c.subscribe(['secret', 'b']));
    const b = watch(c.subscribe('b'));
    // A poll already asked for 'a' alone before the other subscriptions came: answered, the next
    // asks for all three, is refused, and the one after asks without the refused topic.
    const asked = transport === 'sse' ? server.sse : server.polls;
    const both = () => asked.find((r) => r.url.searchParams.getAll('topic').join() === 'a,b');
    await until(() => both() || (transport !== 'sse' && asked.length === 1 && !asked[0].answered));
    if (!both()) {
      asked[0].answer({ messages: [], cursor: 'e-0', gap: [] });
      await until(both);
    }
    if (transport === 'sse') both().write(sseSubscribed('e-1', ['a', 'b']));
    else both().answer({ messages: [], cursor: 'e-1', gap: [] });
    await until(() => c.status === 'open');
    assert.deepEqual(s.errors.map((e) => [e.code, e.status, e.topic]), [['forbidden', 403, 'secret']], transport);
    await until(() => a.subscribed.length === 1 && b.subscribed.length === 1);
    assert.deepEqual(s.subscribed, []);
    assert.equal(server.calls.filter((x) => x.url.searchParams.getAll('topic').includes('secret')).length, 1, 'asked once with the refused topic');
    c.close();
  }
});

test('an HTTP refusal naming no topic of the request stays fatal', async () => {
  const server = fakeServer(() => problemResponse(403, 'forbidden', 'someone else'));
  const c = connect('http://herald.test/', { transports: ['sse'], fetch: server.fetch });
  const sub = watch(c.subscribe('a'));
  await until(() => c.status === 'closed');
  assert.deepEqual(sub.errors.map((e) => [e.code, e.status]), [['forbidden', 403]]);
});

test('a gap reaches the subscriptions of its topics only; subscribed fires once per connection, also for topics held already', async () => {
  const server = fakeServer();
  const c = connect('http://herald.test/', { transports: ['sse'], fetch: server.fetch, backoff: { base: 1, cap: 1 } });
  const x = watch(c.subscribe(['x', 'y']));
  const z = watch(c.subscribe('z'));
  await until(() => server.sse.length === 1);
  server.sse[0].write(sseSubscribed('e-1', ['x', 'y', 'z']) + 'event: gap\ndata: {"topics":["y"]}\n\n' + sseMessage(2, 'x'));
  await until(() => x.gaps.length === 1);
  assert.deepEqual(x.gaps, [{ topics: ['y'], cursor: 'e-1' }]);
  assert.deepEqual(z.gaps, []);
  assert.equal(x.subscribed.length, 1);
  const again = watch(c.subscribe('x'));
  await until(() => again.subscribed.length === 1);
  assert.equal(x.subscribed.length, 1, 'not again on the same connection');
  server.sse[0].write('event: subscribed\ndata: {"topics":["x","y","z"],"cursor":"e-2"}\n\n');
  await sleep(10);
  assert.equal(x.subscribed.length, 1);
  c.close();
});

test('a message whose event name is error reaches the handler, not the subscription\'s error listeners', async () => {
  FakeSocket.all = [];
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket });
  const handled = [];
  const sub = c.subscribe('t', (m) => handled.push(m.event));
  const seen = watch(sub);
  const named = [];
  sub.on('said', (data) => named.push(data));
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ws = FakeSocket.all[0];
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  ws.server({ type: 'message', id: 'e-2', topic: 't', event: 'error', data: 1 });
  ws.server({ type: 'message', id: 'e-3', topic: 't', event: 'said', data: 2 });
  assert.deepEqual(handled, ['error', 'said']);
  assert.deepEqual(named, [2]);
  assert.deepEqual(seen.errors, []);
  c.close();
});
