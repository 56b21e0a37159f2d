// fetchJson (http.js): the one JSON call publish, history, presence and request share: its GET and
// POST, the token, and what a refusal, a network failure and a timeout reject with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchJson } from '../../main/js/http.js';
import { fakeServer, problemResponse } from './fakes.mjs';

function context(server, token = 'tok') {
  return { base: new URL('https://herald.test/app/'), options: {}, token: async () => token, fetch: server.fetch };
}

test('without a body: a GET below the base with the token, no cache, answered with the JSON', async () => {
  const server = fakeServer(() => Response.json({ count: 2 }));
  assert.deepEqual(await fetchJson(context(server), 'api/presence?topic=a', { timeout: 1000 }), { count: 2 });
  const [call] = server.calls;
  assert.equal(call.url.href, 'https://herald.test/app/api/presence?topic=a');
  assert.equal(call.init.method, undefined);
  assert.equal(call.init.cache, 'no-store');
  assert.deepEqual(call.init.headers, { Accept: 'application/json', Authorization: 'Bearer tok' });
});

test('with a body: a POST of it as JSON, without a token when there is none, answered through `read`', async () => {
  const server = fakeServer(() => Response.json({ data: 7 }));
  const answer = await fetchJson(context(server, null), 'api/request', { body: { topic: 't', data: 1 }, timeout: 1000, read: (json) => json.data });
  assert.equal(answer, 7);
  const [call] = server.calls;
  assert.equal(call.init.method, 'POST');
  assert.equal(call.init.cache, undefined);
  assert.deepEqual(call.init.headers, { 'Content-Type': 'application/json', Accept: 'application/json' });
  assert.deepEqual(JSON.parse(call.init.body), { topic: 't', data: 1 });
});

test('a refusal rejects with its problem; a failed fetch with `network`; no answer in time with `timeout`', async () => {
  const refused = fakeServer(() => problemResponse(403, 'forbidden', 'not yours'));
  await assert.rejects(fetchJson(context(refused), 'api/history?topic=a', { timeout: 1000 }), { code: 'forbidden', status: 403, message: 'not yours' });
  const down = fakeServer(() => {
    throw new TypeError('fetch failed');
  });
  await assert.rejects(fetchJson(context(down), 'api/publish', { body: {}, timeout: 1000 }), { code: 'network', message: 'fetch failed' });
  const silent = fakeServer((r) => new Promise((resolve, reject) => r.init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
  await assert.rejects(fetchJson(context(silent), 'api/publish', { body: {}, timeout: 20 }), { code: 'timeout' });
});
