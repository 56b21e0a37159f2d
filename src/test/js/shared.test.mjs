// The shared connection's election and handover (shared.js) with fakes: an in-process
// BroadcastChannel bus, Web Locks granted in request order, and scripted HeraldClients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../main/js/emitter.js';
import { HeraldError } from '../../main/js/errors.js';
import { SharedClient, COLLECT_MS, TOKEN_FROM_TABS, earliest, sharedWorker } from '../../main/js/shared.js';
import { sleep, until } from './fakes.mjs';

/** BroadcastChannels of one origin: a post reaches every other open channel of that name, later. */
class Bus {
  constructor() {
    this.channels = new Set();
  }
  channel(name) {
    const bus = this;
    const ch = {
      name,
      onmessage: null,
      postMessage(data) {
        const copy = structuredClone(data);
        for (const other of bus.channels) if (other !== ch && other.name === name) setTimeout(() => other.onmessage?.({ data: copy }), 0);
      },
      close() {
        bus.channels.delete(ch);
      },
    };
    this.channels.add(ch);
    return ch;
  }
}

/** Web Locks: one holder per name, the next waiter in request order when it lets go. */
class Locks {
  constructor() {
    this.queues = new Map();
  }
  request(name, options, fn) {
    return new Promise((resolve, reject) => {
      const q = this.queues.get(name) || [];
      this.queues.set(name, q);
      const entry = { fn, resolve };
      q.push(entry);
      options.signal?.addEventListener('abort', () => {
        const i = q.indexOf(entry);
        if (i > 0) {
          q.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        }
      });
      if (q.length === 1) this.grant(name);
    });
  }
  grant(name) {
    const q = this.queues.get(name);
    const entry = q[0];
    if (!entry) return;
    Promise.resolve(entry.fn()).then((v) => {
      q.shift();
      entry.resolve(v);
      this.grant(name);
    });
  }
}

/** A scripted HeraldClient: records subscriptions; the test delivers messages. */
class FakeClient extends Emitter {
  static all = [];
  constructor(base, options) {
    super();
    this.base = new URL(base || 'http://localhost/');
    this.options = options;
    this.subs = [];
    this.status = 'idle';
    this.published = [];
    FakeClient.all.push(this);
  }
  subscribe(topics) {
    const s = new Emitter();
    s.topics = topics;
    s.active = true;
    s.unsubscribe = () => (s.active = false);
    this.subs.push(s);
    return s;
  }
  topics() {
    return [...new Set(this.subs.filter((s) => s.active).flatMap((s) => s.topics))].sort();
  }
  publish(topic, data) {
    this.published.push({ topic, data });
    return Promise.resolve({ id: `e-${this.published.length}` });
  }
  close() {
    this.status = 'closed';
    this.closed = true;
  }
  /** The server delivers `m` on this connection. */
  deliver(m) {
    this.emit('message', m);
  }
}

const msg = (seq, topic = 'a') => ({ id: `e-${seq}`, topic, event: 'message', data: seq, time: 't' });

function world() {
  FakeClient.all = [];
  const bus = new Bus();
  const locks = new Locks();
  const tab = (options = {}) => new SharedClient('http://h/', options, { worker: null, channel: (n) => bus.channel(n), locks, createClient: (b, o) => new FakeClient(b, o) });
  /** The clients that hold a connection (made by a leader, not a tab's idle helper). */
  const connections = () => FakeClient.all.filter((c) => 'since' in c.options);
  return { tab, connections };
}

test('the earliest cursor of one history is where a new leader resumes', () => {
  assert.equal(earliest(['e-9', null, 'e-4', 'e-7']), 'e-4');
  assert.equal(earliest(['e-9', 'f-1']), 'e-9');
  assert.equal(earliest([null, undefined]), null);
  assert.equal(earliest([null, 'e-3']), 'e-3');
});

test('two tabs share one connection: the first is the leader, topics of both are held on it', async () => {
  const { tab, connections } = world();
  const one = tab();
  const two = tab();
  const got1 = [];
  const got2 = [];
  one.subscribe('a', (m) => got1.push(m.data));
  two.subscribe(['b'], (m) => got2.push(m.data));
  await until(() => connections().length === 1 && connections()[0].topics().length === 2);
  assert.equal(one.role, 'leader');
  assert.equal(two.role, 'follower');
  const conn = connections()[0];
  assert.deepEqual(conn.topics(), ['a', 'b']);
  conn.deliver(msg(1, 'a'));
  conn.deliver(msg(2, 'b'));
  conn.deliver(msg(3, 'a'));
  await until(() => two.cursor === 'e-3');
  assert.deepEqual(got1, [1, 3]);
  assert.deepEqual(got2, [2]);
  assert.equal(one.cursor, 'e-3');
  await sleep(COLLECT_MS + 20);
  assert.equal(connections().length, 1, 'still one connection');
  one.close();
  two.close();
});

test('a topic held by subscriptions of two tabs stays while one of them remains', async () => {
  const { tab, connections } = world();
  const one = tab();
  const two = tab();
  one.subscribe('a');
  const s2 = two.subscribe('a');
  await until(() => connections()[0]?.subs.length === 2);
  s2.unsubscribe();
  await until(() => connections()[0].subs.filter((s) => s.active).length === 1);
  assert.deepEqual(connections()[0].topics(), ['a']);
  one.close();
  two.close();
});

test('the leader closes mid-stream: the next tab leads, resumes from the earliest cursor, nothing lost or repeated', async () => {
  const { tab, connections } = world();
  const one = tab();
  const two = tab();
  const three = tab();
  const got2 = [];
  const got3 = [];
  one.subscribe('a');
  two.subscribe('a', (m) => got2.push(m.data));
  three.subscribe(['a', 'b'], (m) => got3.push(m.data));
  await until(() => connections()[0]?.topics().length === 2);
  const first = connections()[0];
  for (let i = 1; i <= 3; i++) first.deliver(msg(i));
  await until(() => two.cursor === 'e-3' && three.cursor === 'e-3');
  first.deliver(msg(4));
  // Tab three missed e-4 (its copy is still in flight when the leader goes): take it back.
  three.tracker.cursor = 'e-3';
  got3.length = 0;
  got3.push(1, 2, 3);
  one.close();
  assert.ok(first.closed);
  await until(() => connections().length === 2);
  const second = connections()[1];
  assert.equal(two.role, 'leader');
  assert.equal(three.role, 'follower');
  // Two had seen e-4, three only e-3: the new connection resumes from e-3.
  assert.equal(second.options.since, 'e-3');
  assert.deepEqual(second.topics(), ['a', 'b']);
  second.deliver(msg(4)); // the replay
  second.deliver(msg(5));
  await until(() => three.cursor === 'e-5');
  assert.deepEqual(got2, [1, 2, 3, 4, 5]);
  assert.deepEqual(got3, [1, 2, 3, 4, 5]);
  two.close();
  three.close();
});

test('subscription events are routed to the tab that owns the subscription', async () => {
  const { tab, connections } = world();
  const one = tab();
  const two = tab();
  one.subscribe('a');
  const sub = two.subscribe('x');
  const events = [];
  sub.on('subscribed', (d) => events.push(['subscribed', d.cursor]));
  sub.on('error', (e) => events.push(['error', e.code, e.topic, e instanceof HeraldError]));
  await until(() => connections()[0]?.subs.length === 2);
  const held = connections()[0].subs[1];
  held.emit('subscribed', { topics: ['x'], cursor: 'e-7', transport: 'websocket' });
  held.emit('error', new HeraldError('forbidden', 'no', { topic: 'x' }));
  await until(() => events.length === 2);
  assert.deepEqual(events, [['subscribed', 'e-7'], ['error', 'forbidden', 'x', true]]);
  assert.equal(sub.active, false);
  assert.equal(two.cursor, 'e-7');
  one.close();
  two.close();
});

test('status changes reach every tab; a follower publishes from its own tab', async () => {
  const { tab, connections } = world();
  const one = tab();
  const two = tab();
  one.subscribe('a');
  const seen = [];
  two.on('status', (d) => seen.push(d.status));
  await until(() => connections().length === 1);
  connections()[0].emit('status', { status: 'open', transport: 'websocket' });
  await until(() => two.status === 'open');
  assert.equal(two.transportName, 'websocket');
  assert.deepEqual(seen, ['open']);
  assert.deepEqual(await two.publish('a', 1), { id: 'e-1' });
  assert.equal(connections()[0].published.length, 0, 'not through the leader');
  one.close();
  two.close();
});

test('a tab that closes drops its subscriptions from the shared connection', async () => {
  const { tab, connections } = world();
  const one = tab();
  const two = tab();
  one.subscribe('a');
  two.subscribe('b');
  await until(() => connections()[0]?.topics().length === 2);
  two.close();
  await until(() => connections()[0].topics().length === 1);
  assert.deepEqual(connections()[0].topics(), ['a']);
  assert.equal(two.status, 'closed');
  assert.throws(() => two.subscribe('c'), { code: 'closed' });
  one.close();
});

test('sharedWorker: on the page origin unless told otherwise; none for tabs mode, other origins, options a worker cannot take', () => {
  class SW {
    constructor(url, o) {
      Object.assign(this, { url: String(url), name: o.name });
    }
  }
  const g = { SharedWorker: SW, location: { origin: 'http://h', href: 'http://h/app/page.html' } };
  const base = new URL('http://h/');
  assert.deepEqual({ ...sharedWorker(base, { shared: true }, g) }, { url: 'http://h/herald-worker.js', name: 'herald:http://h/' });
  assert.equal(sharedWorker(base, { shared: 'worker' }, g).url, 'http://h/herald-worker.js');
  assert.equal(sharedWorker(new URL('http://h/push/'), { shared: true }, g).url, 'http://h/push/herald-worker.js');
  assert.equal(sharedWorker(base, { shared: 'tabs' }, g), null);
  assert.equal(sharedWorker(base, { shared: true, fetch: () => {} }, g), null);
  assert.equal(sharedWorker(base, { shared: true, transportImpls: {} }, g), null);
  const other = new URL('http://push.example/');
  assert.equal(sharedWorker(other, { shared: true }, g), null);
  assert.equal(sharedWorker(other, { shared: true, workerUrl: '/static/hw.js' }, g).url, 'http://h/static/hw.js');
  assert.equal(sharedWorker(base, { shared: true }, { location: g.location }), null);
});

test('worker mode: the tab sends the worker cloneable options, follows it, and answers its token requests', async () => {
  const port = {
    sent: [],
    postMessage(m) {
      this.sent.push(structuredClone(m));
    },
    close() {},
  };
  const worker = { port };
  let minted = 0;
  const c = new SharedClient('http://h/', { token: () => `tok-${++minted}`, since: 'e-1', workerUrl: '/w.js' }, { worker, createClient: (b, o) => new FakeClient(b, o) });
  assert.equal(c.mode, 'worker');
  assert.deepEqual(port.sent[0], { type: 'init', base: 'http://h/', options: { token: TOKEN_FROM_TABS, since: 'e-1', shared: false } });
  assert.equal(port.sent[1].type, 'hello');
  const from = (data) => port.onmessage({ data });
  from({ type: 'leader', tab: 'w', d: { status: 'open', transport: 'websocket' } });
  assert.equal(c.role, 'follower');
  assert.equal(c.status, 'open');
  assert.equal(c.transportName, 'websocket');
  const got = [];
  c.subscribe('a', (m) => got.push(m.id));
  assert.deepEqual(port.sent.at(-1), { type: 'sub', tab: c.id, sub: 1, topics: ['a'] });
  from({ type: 'message', tab: 'w', m: msg(2) });
  from({ type: 'message', tab: 'w', m: msg(2) });
  assert.deepEqual(got, ['e-2']);
  from({ type: 'token-request', tab: 'w', ref: 7 });
  await until(() => port.sent.some((m) => m.type === 'token'));
  assert.deepEqual(port.sent.find((m) => m.type === 'token'), { type: 'token', tab: c.id, ref: 7, token: 'tok-1' });
  // A worker that fails to load: the tabs elect a leader instead (none here: no lock is granted).
  let granted = 0;
  const bus = new Bus();
  const d2 = { worker: { port: { postMessage() {}, close() {} } }, channel: (n) => bus.channel(n), locks: { request: () => (granted++, new Promise(() => {})) }, createClient: (b, o) => new FakeClient(b, o) };
  const c2 = new SharedClient('http://h/', {}, d2);
  d2.worker.onerror();
  assert.equal(c2.mode, 'tabs');
  assert.equal(granted, 1);
  c.close();
  c2.close();
  assert.equal(port.sent.at(-1).type, 'bye');
});
