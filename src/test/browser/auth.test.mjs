// Browser tests of herald.js's auth that lasts, in headless Chromium against a real Payara Micro:
// short-lived tokens (minted by tokens.mjs; server.mjs trusts their key, with no clock skew) expire
// during live streams on every transport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { FAST, assertExactly, launch, testPage } from './browser.mjs';

const port = Number(process.env.HERALD_TEST_PORT || 18180);
const server = new Server(port);
let browser;

before(async () => {
  [browser] = await Promise.all([launch(), server.start()]);
});

after(async () => {
  await browser?.close();
  await server.kill();
});

/** Asserts the client never closed and reported no error. */
function assertNeverClosed(s) {
  assert.ok(!s.statuses.some((x) => x.status === 'closed'), `never closed: ${JSON.stringify(s.statuses.slice(-4))}`);
  assert.deepEqual(s.errors, []);
}

for (const transport of ['websocket', 'sse', 'longpoll', 'poll']) {
  test(`${transport}: 3 s tokens expire again and again during a live stream; refreshed ahead, nothing lost or twice`, async (t) => {
    const p = await testPage(browser, server.base);
    try {
      const topic = `auth/expiry/${transport}`; // private: needs the token
      await p.start(topic, { ...FAST, transports: [transport], tokenTtl: 3, tokenScope: ['auth/**'] });
      await p.until((s) => s.status === 'open', 15_000, 'open');
      await server.stream(topic, 0, 50, { batch: 1, pause: 100 }); // ~5.5 s: past two expiries
      await p.until((s) => s.messages.length >= 50, 20_000, '50 messages');
      await new Promise((r) => setTimeout(r, 300));
      const s = await p.state();
      assertExactly(s.messages, 0, 50);
      assertNeverClosed(s);
      t.diagnostic(`${s.minted} tokens, statuses ${s.statuses.map((x) => x.status).join(' ')}`);
      assert.ok(s.minted >= 3, `the token was refreshed (${s.minted} minted)`);
      if (transport === 'websocket') {
        // Refreshed in band: one connection all along.
        assert.deepEqual(s.statuses.map((x) => x.status), ['connecting', 'open']);
        assert.equal(p.wsUrls.length, 1);
      }
    } finally {
      await p.context.close();
    }
  });
}

test('websocket: a token the app will not refresh early expires, the server closes 1008 token-expired, the client renews and resumes', async () => {
  const p = await testPage(browser, server.base);
  try {
    const topic = 'auth/expiry/close';
    await p.start(topic, { ...FAST, transports: ['websocket'], tokenTtl: 3, tokenReuse: true, tokenScope: ['auth/**'] });
    await p.until((s) => s.status === 'open', 15_000, 'open');
    await server.stream(topic, 0, 80, { batch: 1, pause: 100 });
    const s = await p.until((s) => s.messages.length >= 80, 20_000, '80 messages');
    await new Promise((r) => setTimeout(r, 300));
    assertExactly((await p.state()).messages, 0, 80);
    assertNeverClosed(s);
    const renewals = s.statuses.filter((x) => x.status === 'reconnecting');
    assert.ok(renewals.length >= 2, `reconnected after expiry: ${JSON.stringify(renewals)}`);
    assert.ok(renewals.every((x) => x.error.code === 'token-expired' && x.delay === 0));
    assert.ok(p.wsUrls.every((u) => new URL(u).searchParams.has('access_token')));
  } finally {
    await p.context.close();
  }
});

