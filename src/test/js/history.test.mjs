// client.history(): pages over GET /api/history and over the WebSocket `history` frame, and the
// short poll reading `"more": true` (ask again at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/js/herald.js';
import { fakeServer, onSocket, problemResponse, until } from './fakes.mjs';

const m = (seq, topic = 't') => ({ id: `e-${seq}`, topic, event: 'message', data: seq, time: '' });

test('history over HTTP: one page, then the next with the same limit and reverse, then none', async () => {
  const server = fakeServer((r) => {
    if (!r.path.endsWith('/api/history')) return undefined;
    const since = r.url.searchParams.get('since');
    return since === 'e-8' ? Response.json({ messages: [m(7)], next: null, gap: [] }) : Response.json({ messages: [m(9), m(8)], next: 'e-8', gap: [] });
  });
  const c = connect('https://herald.test/', { fetch: server.fetch, token: 'tok' });
  const first = await c.history('t', { limit: 2, reverse: true });
  assert.deepEqual(first.messages.map((x) => x.id), ['e-9', 'e-8']);
  assert.equal(first.next, 'e-8');
  assert.equal(first.more, true);
  assert.deepEqual(first.gap, []);
  const second = await first.nextPage();
  assert.deepEqual(second.messages.map((x) => x.id), ['e-7']);
  assert.equal(second.more, false);
  assert.equal(await second.nextPage(), null);
  const asked = server.calls.map((r) => r.url.search);
  assert.deepEqual(asked, ['?topic=t&limit=2&reverse=true', '?topic=t&since=e-8&limit=2&reverse=true']);
  assert.equal(server.calls[0].headers.Authorization, 'Bearer tok');
  assert.equal(c.status, 'idle', 'history opens no connection');
  c.close();
});

test('history over HTTP: a forward read of several topics reports its gap; a refusal rejects with its code', async () => {
  const server = fakeServer((r) => {
    if (r.url.searchParams.getAll('topic').includes('secret')) return problemResponse(403, 'forbidden', 'not for you');
    return Response.json({ messages: [m(1, 'a'), m(2, 'b')], next: null, gap: ['a'] });
  });
  const c = connect('https://herald.test/', { fetch: server.fetch });
  const page = await c.history(['a', 'b'], { since: 'e-0' });
  assert.equal(server.calls[0].url.search, '?topic=a&topic=b&since=e-0');
  assert.deepEqual(page.gap, ['a']);
  assert.equal(page.more, false);
  await assert.rejects(c.history('secret'), { name: 'HeraldError', code: 'forbidden', status: 403 });
  c.close();
  await assert.rejects(c.history('a'), { code: 'closed' });
});

test('history on an open WebSocket: a `history` frame with a ref, answered by the frame with that ref', async () => {
  const { c, ws, server } = await onSocket();
  const pending = c.history('t', { limit: 1 });
  await until(() => ws.last('history'));
  const frame = ws.last('history');
  assert.deepEqual(frame, { type: 'history', topics: ['t'], reverse: false, limit: 1, ref: frame.ref });
  ws.server({ type: 'history', ref: frame.ref, messages: [m(1)], next: 'e-1', gap: [] });
  const page = await pending;
  assert.deepEqual(page.messages, [m(1)]);
  assert.equal(page.more, true);
  const again = page.nextPage();
  await until(() => ws.last('history').ref !== frame.ref);
  const second = ws.last('history');
  assert.equal(second.since, 'e-1');
  ws.server({ type: 'error', ref: second.ref, code: 'bad-limit', message: 'no' });
  await assert.rejects(again, { code: 'bad-limit' });
  assert.equal(server.calls.length, 0, 'nothing over HTTP');
  c.close();
});

test('short poll: a page cut short ("more": true) is followed at once by the next poll', async () => {
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['poll'], fetch: server.fetch, pollInterval: 60000 });
  const got = [];
  c.subscribe('t', (x) => got.push(x.id));
  await until(() => server.polls.length === 1);
  server.polls[0].answer({ messages: [m(1)], cursor: 'e-1', gap: [], more: true });
  await until(() => server.polls.length === 2);
  assert.equal(server.polls[1].url.searchParams.get('since'), 'e-1');
  server.polls[1].answer({ messages: [m(2)], cursor: 'e-2', gap: [], more: false });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(server.polls.length, 2, 'no more: waits the poll interval');
  assert.deepEqual(got, ['e-1', 'e-2']);
  c.close();
});
