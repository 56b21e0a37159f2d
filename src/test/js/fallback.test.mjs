// Unit tests of the transport ladder and the background upgrade, with a fake host and probes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fallback } from '../../main/js/fallback.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const LADDER = ['websocket', 'sse', 'longpoll', 'poll'];

/** A host that records what the ladder asks of it; its probes are driven by the test. */
function host({ current = true } = {}) {
  const h = {
    current: () => (current ? { name: 'current' } : null),
    probes: [],
    promoted: [],
    spawn(name, hooks, buffer) {
      const p = { name, hooks, buffer, started: false, closed: false, close: () => (p.closed = true) };
      h.probes.push(p);
      return p;
    },
    begin: (p) => (p.started = true),
    promote: (p, swap) => h.promoted.push({ p, ...swap }),
  };
  return h;
}

const upgrade = { delay: 20, cap: 40 };

test('the ladder falls one rung at a time and restarts from the top', () => {
  const f = new Fallback(LADDER, upgrade, host());
  assert.equal(f.floor, 0);
  assert.deepEqual([0, 1, 2, 3].map((i) => f.below(i)), [1, 2, 3, -1]);
  assert.deepEqual([0, 1, 2, 3].map((i) => f.name(i)), LADDER);
  f.settle(2);
  assert.equal(f.floor, 2);
  f.restart();
  assert.equal(f.floor, 0);
});

test('pin() keeps one transport, null restores the ladder, an unknown name is refused', () => {
  const f = new Fallback(LADDER, upgrade, host());
  f.settle(1);
  f.pin('poll');
  assert.deepEqual(f.ladder, ['poll']);
  assert.equal(f.floor, 0);
  assert.equal(f.below(0), -1, 'a pinned transport has nothing to fall to');
  f.pin(null);
  assert.deepEqual(f.ladder, LADDER);
  assert.throws(() => f.pin('carrier-pigeon'), (e) => e.code === 'bad-transport');
  assert.deepEqual(f.ladder, LADDER);
});

test('on the top rung nothing is probed', async () => {
  const h = host();
  const f = new Fallback(LADDER, upgrade, h, () => 0);
  f.attempt = 3;
  f.schedule();
  assert.equal(f.attempt, 0);
  await sleep(40);
  assert.deepEqual(h.probes, []);
});

test('below the top, the best rung is probed after the jittered delay and promoted when it opens', async () => {
  const h = host();
  const f = new Fallback(LADDER, upgrade, h, () => 0); // jitter factor 0.5: waits 10 ms
  f.settle(2);
  f.schedule();
  assert.deepEqual(h.probes, []);
  await sleep(30);
  assert.deepEqual(h.probes.map((p) => [p.name, p.started, Array.isArray(p.buffer)]), [['websocket', true, true]]);
  assert.equal(f.probe, h.probes[0]);
  h.probes[0].buffer.push(['message', { id: 'e-1' }]);
  h.probes[0].hooks.opened();
  assert.equal(h.promoted.length, 1);
  assert.deepEqual(h.promoted[0], { p: h.probes[0], from: 'longpoll', to: 'websocket', buffer: [['message', { id: 'e-1' }]] });
  assert.equal(f.floor, 0);
  assert.equal(f.probe, null);
});

test('a failed probe tries the next better rung, then waits twice as long for the next round', async () => {
  const h = host();
  const f = new Fallback(LADDER, upgrade, h, () => 0);
  f.settle(2);
  f.probeFrom(0);
  h.probes[0].hooks.closed();
  assert.deepEqual(h.probes.map((p) => p.name), ['websocket', 'sse'], 'sse is still better than longpoll');
  h.probes[1].hooks.closed();
  assert.equal(f.attempt, 1);
  assert.equal(f.probe, null);
  await sleep(12);
  assert.equal(h.probes.length, 2, 'the second round waits min(cap, delay·2) · 0.5 = 20 ms');
  await sleep(30);
  assert.deepEqual(h.probes.map((p) => p.name), ['websocket', 'sse', 'websocket']);
  h.probes[2].hooks.opened();
  assert.equal(f.attempt, 0, 'a success resets the rounds');
  assert.equal(h.promoted[0].from, 'longpoll');
  f.cancel();
});

test('cancel() closes the probe; its later events are ignored', () => {
  const h = host();
  const f = new Fallback(LADDER, upgrade, h);
  f.settle(1);
  f.probeFrom(0);
  const p = h.probes[0];
  f.cancel();
  assert.equal(p.closed, true);
  p.hooks.opened();
  p.hooks.closed();
  assert.deepEqual(h.promoted, []);
  assert.equal(f.floor, 1);
  assert.equal(h.probes.length, 1);
});

test('without a current transport there is nothing to upgrade', () => {
  const h = host({ current: false });
  const f = new Fallback(LADDER, upgrade, h);
  f.settle(3);
  f.probeFrom(0);
  assert.deepEqual(h.probes, []);
});
