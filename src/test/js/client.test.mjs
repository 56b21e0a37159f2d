// Unit tests of the client's state machine with scripted transports: fallback, reconnection,
// upgrade without loss or duplicate, server hints, publish, and the WebSocket transport's
// dead-connection detection against a fake socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, HeraldError } from '../../main/js/herald.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Transports the test drives by hand; each records what the client asked of it. */
function scripted() {
  const made = [];
  const impl = (name) =>
    class {
      constructor(ctx, sink) {
        Object.assign(this, { ctx, sink, name, closed: false, retopics: [] });
        made.push(this);
      }
      start(topics, since) {
        Object.assign(this, { topics, since });
      }
      retopic(added, removed, since) {
        this.retopics.push({ added, removed, since });
      }
      close() {
        this.closed = true;
      }
      // Test controls:
      open(cursor = 'e-0') {
        this.isOpen = true;
        this.sink.opened();
        this.sink.subscribed(cursor);
      }
      send(...seqs) {
        for (const s of seqs) this.sink.message({ id: `e-${s}`, topic: 't', event: 'n', data: { s }, time: '' });
      }
      fail({ opened = this.isOpen, hint = 0, fatal = false, immediate = false } = {}) {
        const error = new HeraldError('closed', 'scripted failure');
        error.immediate = immediate;
        this.sink.closed({ error, hint, fatal, opened: !!opened });
      }
    };
  const transportImpls = { websocket: impl('websocket'), sse: impl('sse'), longpoll: impl('longpoll'), poll: impl('poll') };
  return { made, transportImpls, last: (name) => made.filter((t) => t.name === name).at(-1) };
}

function client(options = {}) {
  const s = scripted();
  const c = connect('http://herald.test/', {
    transportImpls: s.transportImpls,
    backoff: { base: 10, cap: 40 },
    upgrade: { delay: 20, cap: 40 },
    ...options,
  });
  const seen = [];
  const statuses = [];
  c.on('status', (x) => statuses.push(x));
  const sub = c.subscribe('t', (m) => seen.push(m.data.s));
  return { c, s, seen, statuses, sub };
}

async function until(fn, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

test('nothing opens before the first subscription; then the best transport is tried', () => {
  const s = scripted();
  const c = connect('http://herald.test/', { transportImpls: s.transportImpls });
  assert.equal(c.status, 'idle');
  assert.equal(s.made.length, 0);
  c.subscribe(['a', 'b'], () => {});
  assert.equal(c.status, 'connecting');
  assert.deepEqual(s.made.map((t) => t.name), ['websocket']);
  assert.deepEqual(s.made[0].topics, ['a', 'b']);
  assert.equal(s.made[0].since, null);
  c.close();
  assert.equal(c.status, 'closed');
  assert.equal(s.made[0].closed, true);
});

test('a transport failing before it opens falls back to the next at once, from the same cursor', () => {
  const { c, s, statuses } = client({ since: 'e-7' });
  s.last('websocket').fail();
  assert.equal(s.last('sse').since, 'e-7');
  s.last('sse').fail();
  s.last('longpoll').open('e-7');
  assert.deepEqual(statuses.map((x) => x.status), ['connecting', 'open']);
  assert.equal(statuses[1].transport, 'longpoll');
  assert.equal(c.transport, 'longpoll');
  c.close();
});

test('messages reach handlers once and in order; per-event handlers get the data', () => {
  const { c, s, seen, sub } = client();
  const byEvent = [];
  sub.on('n', (data, m) => byEvent.push([data.s, m.id]));
  s.last('websocket').open();
  s.last('websocket').send(1, 2, 2, 1, 3);
  assert.deepEqual(seen, [1, 2, 3]);
  assert.deepEqual(byEvent, [[1, 'e-1'], [2, 'e-2'], [3, 'e-3']]);
  assert.equal(c.cursor, 'e-3');
  c.close();
});

test('a dropped connection reconnects after a jittered, capped delay and resumes from the cursor', async () => {
  const { c, s, statuses } = client();
  s.last('websocket').open();
  s.last('websocket').send(1, 2);
  s.last('websocket').fail();
  const r = statuses.at(-1);
  assert.equal(r.status, 'reconnecting');
  assert.ok(r.delay >= 0 && r.delay < 10, `first delay ${r.delay} within [0, base)`);
  await until(() => s.made.length === 2);
  assert.equal(s.last('websocket').since, 'e-2', 'resumes from the last message seen');
  c.close();
});

test('the backoff grows while nothing works, and respects the server hint', async () => {
  const { c, s, statuses } = client({ transports: ['sse'] });
  s.last('sse').fail({ hint: 60 });
  assert.ok(statuses.at(-1).delay >= 60, 'retry hint honoured');
  await until(() => s.made.length === 2);
  for (let i = 0; i < 6; i++) {
    s.last('sse').fail();
    await until(() => s.made.length === 3 + i);
  }
  const delays = statuses.filter((x) => x.status === 'reconnecting').map((x) => x.delay);
  assert.ok(delays.every((d) => d <= 60), `capped at the larger of cap and hint: ${delays}`);
  assert.deepEqual(statuses.filter((x) => x.status === 'reconnecting').map((x) => x.attempt), [1, 2, 3, 4, 5, 6, 7]);
  c.close();
});

test('when every transport fails the client waits, then starts again from the best', async () => {
  const { c, s } = client();
  for (const t of ['websocket', 'sse', 'longpoll', 'poll']) s.last(t).fail();
  assert.equal(c.status, 'reconnecting');
  await until(() => s.made.length === 5);
  assert.equal(s.made[4].name, 'websocket');
  c.close();
});

test('a fatal refusal closes the client and reports the error', () => {
  const { c, s } = client();
  const errors = [];
  c.on('error', (e) => errors.push(e));
  s.last('websocket').fail({ fatal: true });
  assert.equal(c.status, 'closed');
  assert.equal(errors.length, 1);
});

test('after a fallback, a better transport is probed and swapped in: no loss, no duplicate', async () => {
  const { c, s, seen, statuses } = client();
  const upgrades = [];
  c.on('upgrade', (u) => upgrades.push(u));
  s.last('websocket').fail();
  const sse = s.last('sse');
  sse.open();
  sse.send(1, 2, 3);
  await until(() => s.made.filter((t) => t.name === 'websocket').length === 2);
  const probe = s.last('websocket');
  assert.equal(probe.since, 'e-3', 'the probe starts from the cursor');
  // Both streams deliver while the probe opens: the old one runs ahead, the probe overlaps.
  probe.send(4, 5);
  sse.send(4, 5, 6);
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6], 'probe output is held back until it is open');
  probe.send(6, 7);
  probe.open('e-3');
  probe.send(8);
  sse.send(7, 8, 9); // the old stream is closed and ignored from now on
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(sse.closed, true);
  assert.deepEqual(upgrades, [{ from: 'sse', to: 'websocket' }]);
  assert.equal(statuses.at(-1).transport, 'websocket');
  c.close();
});

test('a failed probe is retried later, the current transport untouched', async () => {
  const { c, s, seen } = client({ transports: ['websocket', 'longpoll'] });
  s.last('websocket').fail();
  const lp = s.last('longpoll');
  lp.open();
  await until(() => s.made.length === 3);
  s.last('websocket').fail();
  lp.send(1);
  await until(() => s.made.length === 4);
  assert.equal(s.made[3].name, 'websocket');
  assert.equal(lp.closed, false);
  assert.deepEqual(seen, [1]);
  c.close();
});

test('a gap is reported to the app with its topics', () => {
  const { c, s } = client();
  const gaps = [];
  c.on('gap', (g) => gaps.push(g));
  s.last('websocket').open();
  s.last('websocket').sink.gap(['t']);
  assert.deepEqual(gaps, [{ topics: ['t'], cursor: 'e-0' }]);
  c.close();
});

test('topics added and removed reach the running transport; the last unsubscribe goes idle', () => {
  const { c, s, sub } = client();
  s.last('websocket').open();
  const other = c.subscribe(['t', 'u'], () => {});
  assert.deepEqual(s.last('websocket').retopics, [{ added: ['u'], removed: [], since: 'e-0' }]);
  other.unsubscribe();
  assert.deepEqual(s.last('websocket').retopics.at(-1), { added: [], removed: ['u'], since: 'e-0' }, 't is still wanted');
  sub.unsubscribe();
  assert.equal(c.status, 'idle');
  assert.equal(s.last('websocket').closed, true);
  c.close();
});

test('use() pins a transport: it reconnects only there and never upgrades', async () => {
  const { c, s } = client();
  s.last('websocket').open();
  c.use('poll');
  assert.equal(s.made.at(-1).name, 'poll');
  s.last('poll').fail();
  await until(() => s.made.length === 3);
  assert.equal(s.made[2].name, 'poll');
  assert.throws(() => c.use('carrier-pigeon'), /not in this client's list/);
  c.close();
});

test('publish without WebSocket POSTs and resolves with the id, or rejects with the problem code', async () => {
  const calls = [];
  const answers = [
    new Response('{"id":"e-9"}', { status: 201 }),
    new Response('{"type":"about:blank","title":"Bad Request","status":400,"detail":"topic bad","code":"bad-topic"}', { status: 400 }),
  ];
  const c = connect('http://herald.test/base', {
    token: async () => 'tok',
    fetch: async (url, init) => (calls.push({ url: String(url), init }), answers.shift()),
  });
  assert.deepEqual(await c.publish('chat', { text: 'hi' }, 'say'), { id: 'e-9' });
  assert.equal(calls[0].url, 'http://herald.test/base/api/publish');
  assert.equal(calls[0].init.headers.Authorization, 'Bearer tok');
  assert.deepEqual(JSON.parse(calls[0].init.body), { topic: 'chat', event: 'say', data: { text: 'hi' } });
  await assert.rejects(c.publish('bad topic', 1), (e) => e.code === 'bad-topic' && e.status === 400);
  c.close();
});

/** A scripted WebSocket: records frames, the test plays the server. */
class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    FakeSocket.all.push(this);
    setTimeout(() => this.onopen?.(), 0);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.closedByClient = true;
  }
  server(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

test('WebSocket: subscribes from the cursor, acks publishes, pings when quiet, declares a silent peer dead', async () => {
  FakeSocket.all = [];
  const c = connect('https://herald.test/', {
    transports: ['websocket'],
    WebSocket: FakeSocket,
    token: 'tok',
    since: 'e-4',
    heartbeat: { interval: 200, timeout: 200 },
    backoff: { base: 1000, cap: 1000 },
  });
  const statuses = [];
  c.on('status', (x) => statuses.push(x));
  c.subscribe('t', () => {});
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ws = FakeSocket.all[0];
  assert.equal(ws.url, 'wss://herald.test/api/ws?access_token=tok');
  assert.deepEqual(ws.sent[0], { type: 'subscribe', topics: ['t'], since: 'e-4', ref: 1 });
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-4' });
  assert.equal(c.status, 'open');

  const published = c.publish('t', { x: 1 });
  const frame = ws.sent.at(-1);
  assert.equal(frame.type, 'publish');
  ws.server({ type: 'ack', ref: frame.ref, id: 'e-5' });
  assert.deepEqual(await published, { id: 'e-5' });
  const refused = c.publish('t', 2);
  ws.server({ type: 'error', ref: ws.sent.at(-1).ref, code: 'forbidden', message: 'no' });
  await assert.rejects(refused, (e) => e.code === 'forbidden');

  const started = Date.now();
  await until(() => ws.sent.some((f) => f.type === 'ping'));
  const inFlight = c.publish('t', 3).then(() => null, (e) => e);
  await until(() => c.status === 'reconnecting', 3000);
  const took = Date.now() - started;
  // Timers never fire early; the upper bound is loose because a loaded machine delays them.
  assert.ok(took >= 350 && took < 2500, `dead after ${took} ms (interval + timeout = 400)`);
  assert.match(statuses.at(-1).error.message, /no frame for/);
  assert.equal((await inFlight)?.code, 'connection-lost');
  assert.equal(ws.closedByClient, true);
  c.close();
});

test('a token provider that throws counts as a failed connection, not an unhandled error', async () => {
  FakeSocket.all = [];
  let calls = 0;
  const c = connect('http://herald.test/', {
    transports: ['websocket'],
    WebSocket: FakeSocket,
    backoff: { base: 10, cap: 10 },
    token: async () => {
      if (calls++ === 0) throw new Error('token service down');
      return 'ok';
    },
  });
  const statuses = [];
  c.on('status', (x) => statuses.push(x));
  c.subscribe('t', () => {});
  await until(() => statuses.some((x) => x.status === 'reconnecting'));
  assert.match(statuses.find((x) => x.status === 'reconnecting').error.message, /token service down/);
  await until(() => FakeSocket.all.length === 1);
  assert.equal(FakeSocket.all[0].url, 'ws://herald.test/api/ws?access_token=ok');
  c.close();
});

test('WebSocket close codes are hints: 4008 resumes at once, 1008 stops', async () => {
  FakeSocket.all = [];
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, backoff: { base: 5000, cap: 5000 } });
  const statuses = [];
  c.on('status', (x) => statuses.push(x));
  c.subscribe('t', () => {});
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  FakeSocket.all[0].server({ type: 'subscribed', cursor: 'e-1' });
  FakeSocket.all[0].onclose({ code: 4008, reason: 'slow consumer' });
  assert.equal(statuses.at(-1).delay, 0);
  await until(() => FakeSocket.all[1]?.sent.length === 1);
  assert.equal(FakeSocket.all[1].sent[0].since, 'e-1');
  FakeSocket.all[1].onclose({ code: 1008, reason: 'policy' });
  assert.equal(c.status, 'closed');
});

/** A fetch whose SSE responses the test writes line by line; it records every request. */
function fakeSseFetch() {
  const streams = [];
  const fetch = async (url, init) => {
    let controller;
    const body = new ReadableStream({ start: (c) => (controller = c) });
    const encoder = new TextEncoder();
    const stream = {
      url: String(url),
      init,
      write: (text) => controller.enqueue(encoder.encode(text)),
    };
    init.signal.addEventListener('abort', () => {
      stream.aborted = true;
      try {
        controller.error(new DOMException('aborted', 'AbortError'));
      } catch {
        // already closed
      }
    });
    streams.push(stream);
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { fetch, streams };
}

test('SSE: the heartbeat announced in subscribed arms a deadline; a silent stream is declared dead and resumed', async () => {
  const { fetch, streams } = fakeSseFetch();
  const c = connect('https://herald.test/', {
    transports: ['sse'],
    fetch,
    heartbeat: { interval: 60_000, timeout: 80 },
    backoff: { base: 10, cap: 10 },
  });
  const statuses = [];
  const seen = [];
  c.on('status', (x) => statuses.push(x));
  c.subscribe('t', (m) => seen.push(m.data.s));
  await until(() => streams.length === 1);
  const first = streams[0];
  assert.match(first.url, /^https:\/\/herald\.test\/api\/sse\?/);
  // The server announces a 250 ms heartbeat: the client must use it, not its own 60 s default.
  // (Wide margins: this runs on busy build machines.)
  first.write('event: subscribed\nid: e-0\ndata: {"topics":["t"],"cursor":"e-0","heartbeat":250}\n\n');
  await until(() => c.status === 'open');
  const started = Date.now();
  for (let i = 0; i < 3; i++) {
    await sleep(120);
    first.write(': heartbeat\n\n'); // beats keep it alive past interval + timeout
  }
  first.write('event: message\nid: e-1\ndata: {"id":"e-1","topic":"t","event":"message","data":{"s":1}}\n\n');
  await until(() => seen.length === 1);
  assert.equal(c.status, 'open', 'alive while the beats come');
  // Now silence, as when a proxy or the network drops the stream without closing it.
  const silentAt = Date.now();
  await until(() => c.status === 'reconnecting', 4000);
  const took = Date.now() - silentAt;
  assert.ok(Date.now() - started > 330, 'the beats kept it open past one deadline');
  assert.ok(took >= 300 && took < 2000, `declared dead after ${took} ms (heartbeat + timeout = 330)`);
  assert.match(statuses.at(-1).error.message, /no SSE heartbeat in time/);
  assert.equal(first.aborted, true, 'the dead stream is aborted');
  await until(() => streams.length === 2);
  assert.match(streams[1].url, /since=e-1/, 'resumes from the last message');
  c.close();
});
