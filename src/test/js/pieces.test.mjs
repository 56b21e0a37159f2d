// Unit tests of herald.js's building blocks: backoff, cursor, SSE parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, parseCursor, CursorTracker, SseParser } from '../../main/js/herald.js';

const B = { base: 500, cap: 20000 };

test('backoff is full jitter: uniform in [0, min(cap, base·2^attempt)]', () => {
  assert.equal(backoffDelay(0, B, 0, () => 0), 0);
  assert.equal(backoffDelay(0, B, 0, () => 0.999999), 499);
  assert.equal(backoffDelay(3, B, 0, () => 0.5), 2000);
  assert.equal(backoffDelay(10, B, 0, () => 0.999999), 19999, 'capped');
  assert.equal(backoffDelay(1000, B, 0, () => 0.5), 10000, 'huge attempts stay finite and capped');
});

test('backoff never goes below the server hint', () => {
  assert.equal(backoffDelay(0, B, 5000, () => 0.1), 5000);
  assert.equal(backoffDelay(4, B, 5000, () => 0.9), 7200);
});

test('backoff spreads clients: 1000 draws cover the range', () => {
  const draws = Array.from({ length: 1000 }, () => backoffDelay(4, B));
  assert.ok(draws.every((d) => d >= 0 && d < 8000));
  assert.ok(Math.min(...draws) < 800 && Math.max(...draws) > 7200);
});

test('cursors parse as epoch and sequence; anything else is null', () => {
  assert.deepEqual(parseCursor('abc1-42'), { epoch: 'abc1', seq: 42 });
  assert.deepEqual(parseCursor('is2owqpfnogk-0'), { epoch: 'is2owqpfnogk', seq: 0 });
  for (const bad of [null, '', '42', '-42', 'abc-', 'abc-x', 'abc--1', 'earliest', 7]) {
    assert.equal(parseCursor(bad), null, String(bad));
  }
});

test('tracker accepts each id once, in order, and drops anything not newer', () => {
  const t = new CursorTracker();
  assert.equal(t.cursor, null);
  assert.equal(t.accept('e-5'), true);
  assert.equal(t.accept('e-5'), false, 'duplicate');
  assert.equal(t.accept('e-4'), false, 'older');
  assert.equal(t.accept('e-6'), true);
  assert.equal(t.cursor, 'e-6');
  assert.equal(t.accept('garbage'), false);
});

test('tracker starts afresh on another epoch (the server lost its memory)', () => {
  const t = new CursorTracker('old-900');
  assert.equal(t.accept('new-1'), true);
  assert.equal(t.cursor, 'new-1');
  assert.equal(t.accept('new-2'), true);
});

test('tracker advances to server positions but never backwards within an epoch', () => {
  const t = new CursorTracker('e-10');
  t.advance('e-7');
  assert.equal(t.cursor, 'e-10');
  t.advance('e-12');
  assert.equal(t.cursor, 'e-12');
  assert.equal(t.accept('e-12'), false, 'position 12 was already delivered');
  t.advance('f-0');
  assert.equal(t.cursor, 'f-0');
  t.advance('nonsense');
  assert.equal(t.cursor, 'f-0');
  assert.equal(new CursorTracker('earliest').cursor, null);
});

function parse(chunks) {
  const out = { events: [], retry: [], comments: [] };
  const p = new SseParser({ onEvent: (e) => out.events.push(e), onRetry: (r) => out.retry.push(r), onComment: (c) => out.comments.push(c) });
  for (const c of chunks) p.feed(c);
  return out;
}

test('SSE parser reads events split anywhere across chunks', () => {
  const text = 'retry: 2000\nid: e-1\nevent: subscribed\ndata: {"cursor":"e-1"}\n\n: hb\n\nid: e-2\nevent: tick\ndata: {"a":1}\n\n';
  const whole = parse([text]);
  for (let i = 1; i < text.length; i++) {
    assert.deepEqual(parse([text.slice(0, i), text.slice(i)]), whole, `split at ${i}`);
  }
  assert.deepEqual(whole.events, [
    { event: 'subscribed', data: '{"cursor":"e-1"}', id: 'e-1' },
    { event: 'tick', data: '{"a":1}', id: 'e-2' },
  ]);
  assert.deepEqual(whole.retry, [2000]);
  assert.deepEqual(whole.comments, ['hb']);
});

test('SSE parser handles CRLF and CR line ends, multi-line data, default event name', () => {
  const crlf = parse(['data: a\r\ndata: b\r\n\r\n']);
  assert.deepEqual(crlf.events, [{ event: 'message', data: 'a\nb', id: undefined }]);
  const cr = parse(['data: x\r', '\r', 'data:y\r\r']);
  assert.deepEqual(cr.events.map((e) => e.data), ['x', 'y'], 'a CR ending a chunk ends its line at once');
  const split = parse(['data: z\r', '\n\r', '\n']);
  assert.deepEqual(split.events.map((e) => e.data), ['z'], 'a CRLF split across chunks is one line end');
});

test('SSE parser ignores bad retry values, unknown fields and events without data', () => {
  const out = parse(['retry: soon\nfoo: bar\nevent: empty\n\nretry: 15\n\n']);
  assert.deepEqual(out.events, []);
  assert.deepEqual(out.retry, [15]);
});
