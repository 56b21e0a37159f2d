// Unit tests of auth that lasts: reading a JWT's exp, the refresh timing rule, renewing after the
// server's token-expired (WebSocket close 1008, HTTP 401) on every transport, the in-band `auth`
// frame, ticket mode, `credentials`, and the default base URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/js/herald.js';
import { Auth, jwtExpiry, refreshDelay } from '../../main/js/auth.js';
import { FakeSocket, fakeServer, jwt, problemResponse, sseMessage, sseSubscribed, sleep, until } from './fakes.mjs';

const expired = (code = 'token-expired') => ({ code: 1008, reason: `${code}: send a fresh token or reconnect` });

test('jwtExpiry reads the unverified exp of a base64url payload; anything else is null', () => {
  const t = jwt(60);
  const exp = jwtExpiry(t);
  assert.ok(Math.abs(exp - (Date.now() + 60_000)) < 1000);
  assert.equal(jwtExpiry('opaque-token'), null);
  assert.equal(jwtExpiry('a.!!!.c'), null);
  assert.equal(jwtExpiry(`x.${Buffer.from('{"sub":"a"}').toString('base64url')}.y`), null, 'no exp');
  assert.equal(jwtExpiry(null), null);
});

test('refresh at 80 % of the remaining lifetime or 30 s before expiry, whichever is earlier, never before half of it nor under 1 s', () => {
  const now = 1_000_000;
  const at = (seconds) => refreshDelay(now + seconds * 1000, now);
  assert.equal(at(3600), 2_880_000, '1 h: 80 %');
  assert.equal(at(300), 240_000, '5 min: 80 %');
  assert.equal(at(120), 90_000, '2 min: 30 s before');
  assert.equal(at(40), 20_000, '40 s: half (30 s before would be at 10 s)');
  assert.equal(at(5), 2_500, '5 s: half');
  assert.equal(at(1), 1_000, 'floor 1 s');
  assert.equal(at(-10), 1_000, 'already expired by the local clock: 1 s, not a loop');
});

test('a JWT from the token function is kept until its refresh time; an opaque one is asked for each time', async () => {
  let calls = 0;
  const fresh = jwt(600);
  const a = new Auth(async () => (calls++, fresh));
  assert.equal(await a.token(), fresh);
  assert.equal(await a.token(), fresh);
  assert.equal(calls, 1);
  assert.ok(a.refreshAt > Date.now() + 400_000 && a.refreshAt < Date.now() + 500_000);
  let opaque = 0;
  const b = new Auth(() => `op-${++opaque}`);
  assert.equal(await b.token(), 'op-1');
  assert.equal(await b.token(), 'op-2');
  assert.equal(await new Auth('fixed').token(), 'fixed');
  assert.equal(await new Auth(null).token(), null);
});

test('renew is fatal for a string token, a failing function, or the same token again', async () => {
  await assert.rejects(new Auth('fixed').renew('fixed'), (e) => e.code === 'token-expired' && e.retryable === false);
  await assert.rejects(new Auth(() => { throw new Error('down'); }).renew('x'), (e) => e.code === 'token-expired' && /down/.test(e.message));
  await assert.rejects(new Auth(() => 'same').renew('same'), (e) => e.code === 'token-expired' && /same token/.test(e.message));
  assert.equal(await new Auth(() => 'new').renew('old'), 'new');
});

test('WebSocket closed 1008 token-expired: asks for a new token and reconnects at once from the cursor', async () => {
  FakeSocket.all = [];
  const tokens = [jwt(600, 'one'), jwt(600, 'two')];
  let calls = 0;
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, token: async () => tokens[calls++], backoff: { base: 5000, cap: 5000 } });
  const statuses = [];
  const errors = [];
  c.on('status', (x) => statuses.push(x));
  c.on('error', (e) => errors.push(e));
  const seen = [];
  c.subscribe('t', (m) => seen.push(m.id));
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const first = FakeSocket.all[0];
  assert.equal(new URL(first.url).searchParams.get('access_token'), tokens[0]);
  first.server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  first.server({ type: 'message', id: 'e-2', topic: 't', event: 'n', data: 1 });
  first.drop(1008, 'token-expired: send a fresh token or reconnect');
  const r = statuses.at(-1);
  assert.equal(r.status, 'reconnecting');
  assert.equal(r.delay, 0, 'no backoff: the fix is a new token');
  assert.equal(r.error.code, 'token-expired');
  assert.equal(r.error.closeCode, 1008);
  assert.equal(r.error.retryable, true);
  await until(() => FakeSocket.all[1]?.sent.length === 1);
  assert.equal(calls, 2, 'the token function was asked again');
  assert.equal(new URL(FakeSocket.all[1].url).searchParams.get('access_token'), tokens[1]);
  assert.equal(FakeSocket.all[1].sent[0].since, 'e-2', 'resumes from the last message');
  FakeSocket.all[1].server({ type: 'subscribed', topics: ['t'], cursor: 'e-2' });
  assert.equal(c.status, 'open');
  assert.deepEqual(errors, [], 'not an error the app must handle');
  c.close();
});

test('WebSocket token-expired with a string token, or a function giving the same token, is fatal and says token-expired', async () => {
  for (const token of ['fixed', () => 'fixed']) {
    FakeSocket.all = [];
    const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, token });
    const errors = [];
    const subErrors = [];
    c.on('error', (e) => errors.push(e));
    c.subscribe('t').on('error', (e) => subErrors.push(e));
    await until(() => FakeSocket.all[0]?.sent.length === 1);
    FakeSocket.all[0].server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
    FakeSocket.all[0].drop(1008, 'token-expired: send a fresh token or reconnect');
    await until(() => c.status === 'closed');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'token-expired');
    assert.equal(errors[0].retryable, false);
    assert.equal(subErrors[0], errors[0], 'the subscription hears it too');
    assert.equal(FakeSocket.all.length, 1, 'no reconnect with a token known to be expired');
  }
});

test('other 1008 reasons stay fatal with their own code; fresh tokens refused three times in a row give up', async () => {
  for (const code of ['forbidden', 'origin-not-allowed', 'invalid-token']) {
    FakeSocket.all = [];
    const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, token: () => jwt(60) });
    const errors = [];
    c.on('error', (e) => errors.push(e));
    c.subscribe('t');
    await until(() => FakeSocket.all[0]?.sent.length === 1);
    FakeSocket.all[0].drop(1008, `${code}: no`);
    await until(() => c.status === 'closed');
    assert.deepEqual(errors.map((e) => [e.code, e.closeCode, e.retryable]), [[code, 1008, false]]);
  }
  FakeSocket.all = [];
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, token: () => jwt(60) });
  const errors = [];
  c.on('error', (e) => errors.push(e));
  c.subscribe('t');
  for (let i = 0; i < 4; i++) {
    await until(() => FakeSocket.all[i]?.sent.length === 1);
    FakeSocket.all[i].drop(1008, 'token-expired: the token has expired');
  }
  await until(() => c.status === 'closed');
  assert.equal(FakeSocket.all.length, 4);
  assert.equal(errors[0].code, 'token-expired');
  assert.match(errors[0].message, /refused 3 times/);
});

test('WebSocket: a token close to expiry is refreshed in band with an auth frame; a refused refresh is reported', async () => {
  FakeSocket.all = [];
  const tokens = [jwt(2, 'a'), jwt(2, 'b'), jwt(2, 'c')];
  let calls = 0;
  const c = connect('http://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, token: () => tokens[calls++] });
  const errors = [];
  c.on('error', (e) => errors.push(e));
  c.subscribe('t');
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ws = FakeSocket.all[0];
  const openedAt = Date.now();
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  await until(() => ws.last('auth'), 3000);
  const took = Date.now() - openedAt;
  assert.ok(took >= 900 && took < 1500, `refreshed after ${took} ms (2 s token: at half its life, 1 s)`);
  const auth = ws.last('auth');
  assert.equal(auth.token, tokens[1]);
  assert.ok(auth.ref !== undefined);
  ws.server({ type: 'authenticated', ref: auth.ref, expires: new Date(Date.now() + 2000).toISOString() });
  // The next refresh follows from the new token; this time the server refuses it.
  await until(() => ws.sent.filter((f) => f.type === 'auth').length === 2, 3000);
  const second = ws.last('auth');
  assert.equal(second.token, tokens[2]);
  ws.server({ type: 'error', ref: second.ref, code: 'forbidden', message: 'a refreshed token must be for the same subject' });
  await until(() => errors.length === 1);
  assert.equal(errors[0].code, 'forbidden');
  assert.equal(c.status, 'open', 'the connection carries on with its current credentials');
  assert.equal(FakeSocket.all.length, 1, 'no reconnect');
  c.close();
});

test('SSE: a token close to expiry reopens the stream with the fresh token from the cursor, nothing lost or twice', async () => {
  const server = fakeServer();
  const tokens = [jwt(2, 'a'), jwt(60, 'b')];
  let calls = 0;
  const c = connect('http://herald.test/', { transports: ['sse'], fetch: server.fetch, token: () => tokens[calls++] });
  const seen = [];
  c.subscribe('t', (m) => seen.push(m.id));
  await until(() => server.sse.length === 1);
  assert.equal(server.sse[0].headers.Authorization, `Bearer ${tokens[0]}`);
  server.sse[0].write(sseSubscribed('e-0', ['t']) + sseMessage(1) + sseMessage(2));
  await until(() => seen.length === 2);
  await until(() => server.sse.length === 2, 3000);
  assert.equal(server.sse[0].aborted, true, 'the old stream is closed');
  const next = server.sse[1];
  assert.equal(next.headers.Authorization, `Bearer ${tokens[1]}`);
  assert.equal(next.url.searchParams.get('since'), 'e-2');
  next.write(sseSubscribed('e-2', ['t']) + sseMessage(2) + sseMessage(3));
  await until(() => seen.length === 3);
  await sleep(20);
  assert.deepEqual(seen, ['e-1', 'e-2', 'e-3']);
  assert.equal(c.status, 'open');
  c.close();
});

test('SSE and long poll answered 401 token-expired: a fresh token, a reconnect from the cursor, not an error', async () => {
  for (const transport of ['sse', 'longpoll']) {
    const tokens = [jwt(60, 'old'), jwt(60, 'new')];
    let calls = 0;
    let refusedOnce = false;
    const server = fakeServer((r) => {
      if (!refusedOnce && r.headers.Authorization === `Bearer ${tokens[0]}` && r.url.searchParams.get('since') === 'e-5') {
        refusedOnce = true;
        return problemResponse(401, 'token-expired', 'the token has expired');
      }
    });
    const c = connect('http://herald.test/', { transports: [transport], fetch: server.fetch, token: () => tokens[calls++], backoff: { base: 5000, cap: 5000 }, since: 'e-5' });
    const errors = [];
    c.on('error', (e) => errors.push(e));
    const statuses = [];
    c.on('status', (s) => statuses.push(s));
    c.subscribe('t');
    const asked = () => (transport === 'sse' ? server.sse : server.polls);
    await until(() => asked().length === 1);
    const again = asked()[0];
    assert.equal(again.headers.Authorization, `Bearer ${tokens[1]}`, transport);
    assert.equal(again.url.searchParams.get('since'), 'e-5');
    assert.equal(statuses.find((s) => s.status === 'reconnecting').error.code, 'token-expired');
    assert.equal(statuses.find((s) => s.status === 'reconnecting').delay, 0);
    assert.deepEqual(errors, []);
    c.close();
  }
});

test('ticket mode: a fresh ticket before each WebSocket and SSE connect, only ?ticket= in their URLs', async () => {
  FakeSocket.all = [];
  const token = jwt(600);
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['websocket', 'sse'], WebSocket: FakeSocket, fetch: server.fetch, token, auth: 'ticket' });
  c.subscribe('t');
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ticketCall = server.calls[0];
  assert.equal(ticketCall.path, '/api/ticket');
  assert.equal(ticketCall.init.method, 'POST');
  assert.equal(ticketCall.headers.Authorization, `Bearer ${token}`);
  assert.equal(FakeSocket.all[0].url, 'wss://herald.test/api/ws?ticket=ticket-1');
  FakeSocket.all[0].server({ type: 'subscribed', topics: ['t'], cursor: 'e-1' });
  // The ticket was used up: a drop fetches another.
  FakeSocket.all[0].drop(1008, 'invalid-ticket: unknown, used or expired ticket');
  await until(() => FakeSocket.all[1]);
  assert.equal(FakeSocket.all[1].url, 'wss://herald.test/api/ws?ticket=ticket-2');
  c.use('sse');
  await until(() => server.sse.length === 1);
  const sse = server.sse[0];
  assert.equal(sse.url.searchParams.get('ticket'), 'ticket-3');
  assert.equal(sse.headers.Authorization, undefined, 'no token beside the ticket');
  assert.ok(!sse.url.search.includes(token));
  c.close();
});

test('ticket mode with a session cookie; credentials: include goes with every request', async () => {
  const server = fakeServer();
  const c = connect('https://push.example/', { transports: ['sse', 'longpoll'], fetch: server.fetch, auth: 'ticket', credentials: 'include' });
  c.subscribe('t');
  await until(() => server.sse.length === 1);
  assert.equal(server.calls[0].path, '/api/ticket');
  assert.equal(server.calls[0].headers.Authorization, undefined, 'no token: the session cookie is the credential');
  c.use('longpoll');
  await until(() => server.polls.length === 1);
  assert.equal(server.polls[0].url.searchParams.get('ticket'), null, 'polls send no ticket');
  await c.publish('t', 1);
  assert.deepEqual([...new Set(server.calls.map((x) => x.path))], ['/api/ticket', '/api/sse', '/api/poll', '/api/publish']);
  assert.ok(server.calls.every((x) => x.init.credentials === 'include'), 'every fetch carries credentials');
  assert.throws(() => connect('/', { auth: 'cookie' }), /auth must be 'token' or 'ticket'/);
  c.close();
});

test('a refused ticket request is a typed error: 401 unauthenticated is fatal', async () => {
  FakeSocket.all = [];
  const server = fakeServer((r) => (r.path === '/api/ticket' ? problemResponse(401, 'unauthenticated', 'a ticket needs credentials') : undefined));
  const c = connect('https://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, fetch: server.fetch, auth: 'ticket' });
  const errors = [];
  c.on('error', (e) => errors.push(e));
  c.subscribe('t');
  await until(() => c.status === 'closed');
  assert.deepEqual(errors.map((e) => [e.code, e.status, e.retryable]), [['unauthenticated', 401, false]]);
  assert.equal(FakeSocket.all.length, 0);
});

test('the default base is the page origin, wherever the page is; base is absolute or relative to the origin', async () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'location');
  Object.defineProperty(globalThis, 'location', { value: new URL('https://shop.example/orders/view.html?id=3'), configurable: true });
  try {
    const urls = [];
    const WS = class extends FakeSocket {
      constructor(url) {
        super(url);
        urls.push(url);
      }
    };
    const o = { transports: ['websocket'], WebSocket: WS };
    const clients = [connect(undefined, o), connect('/herald', o), connect(undefined, { ...o, base: 'push/' }), connect('https://push.example/x/', o), connect({ ...o, base: '/y' })];
    for (const [i, c] of clients.entries()) {
      c.subscribe('t');
      await until(() => urls.length === i + 1);
      c.close();
    }
    assert.deepEqual(urls, [
      'wss://shop.example/api/ws',
      'wss://shop.example/herald/api/ws',
      'wss://shop.example/push/api/ws',
      'wss://push.example/x/api/ws',
      'wss://shop.example/y/api/ws',
    ]);
  } finally {
    if (saved) Object.defineProperty(globalThis, 'location', saved);
    else delete globalThis.location;
  }
});
