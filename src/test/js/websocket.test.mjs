// Unit tests of the WebSocket transport's reading of the server's close codes (codes.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES } from '../../main/js/codes.js';
import { WebSocketTransport } from '../../main/js/transports/websocket.js';

/** How the transport reports a close with `code`: the sink's `closed` argument. */
function closedBy(code, reason = 'why') {
  const reports = [];
  const t = new WebSocketTransport({ options: {} }, { closed: (why) => reports.push(why) });
  t.onClose({ code, reason });
  assert.equal(reports.length, 1);
  const [{ error, hint, fatal, renew }] = reports;
  return { code: error.code, closeCode: error.closeCode, immediate: !!error.immediate, hint, fatal, renew, retryable: error.retryable };
}

test('close codes: policy violation is fatal, try-again-later waits 5 s, slow consumer resumes at once', () => {
  const C = CLOSE_CODES;
  assert.deepEqual(closedBy(C.POLICY_VIOLATION.code), { code: 'policy-violation', closeCode: 1008, immediate: false, hint: 0, fatal: true, renew: false, retryable: false });
  assert.deepEqual(closedBy(C.TRY_AGAIN_LATER.code), { code: 'overloaded', closeCode: 1013, immediate: false, hint: 5000, fatal: false, renew: false, retryable: true });
  assert.deepEqual(closedBy(C.SLOW_CONSUMER.code), { code: 'slow-consumer', closeCode: 4008, immediate: true, hint: 0, fatal: false, renew: false, retryable: true });
  const named = { 1000: 'closed', 1001: 'going-away', 1009: 'too-large', 4000: 'heartbeat-missed', 4029: 'too-many-connections' };
  for (const c of [C.NORMAL, C.GOING_AWAY, C.MESSAGE_TOO_BIG, C.HEARTBEAT_MISSED, C.TOO_MANY_CONNECTIONS]) {
    const why = closedBy(c.code);
    assert.deepEqual({ ...why, retryable: undefined }, { code: named[c.code], closeCode: c.code, immediate: false, hint: 0, fatal: false, renew: false, retryable: undefined }, `${c.code}`);
    assert.equal(why.retryable, c.code !== 1000, `${c.code} retryable`);
  }
});

test('a 1008 reason names the refusal: token-expired and invalid-ticket renew, every other code is fatal', () => {
  const by = (reason) => closedBy(1008, reason);
  assert.deepEqual(by('token-expired: send a fresh token or reconnect'), { code: 'token-expired', closeCode: 1008, immediate: false, hint: 0, fatal: false, renew: true, retryable: true });
  assert.deepEqual(by('invalid-ticket: unknown, used or expired ticket'), { code: 'invalid-ticket', closeCode: 1008, immediate: false, hint: 0, fatal: false, renew: true, retryable: true });
  for (const code of ['invalid-token', 'forbidden', 'origin-not-allowed', 'unauthenticated']) {
    assert.deepEqual(by(`${code}: no`), { code, closeCode: 1008, immediate: false, hint: 0, fatal: true, renew: false, retryable: false }, code);
  }
  assert.equal(closedBy(1013, 'server unavailable').code, 'unavailable');
});

test('a 1013 for a subscribe flood is rate-limited and waits; a 1002 is not retryable', () => {
  assert.deepEqual(closedBy(1013, 'rate-limited: 20 subscribes a second'), { code: 'rate-limited', closeCode: 1013, immediate: false, hint: 5000, fatal: false, renew: false, retryable: true });
  const protocol = closedBy(1002, 'unsupported-subprotocol: herald.v2 (this server speaks herald.v1)');
  assert.equal(protocol.retryable, false);
  assert.equal(protocol.fatal, false, 'not fatal: the client falls back to another transport');
});

test('4401 and 4403 are not Herald close codes: they reconnect like any other drop', () => {
  assert.equal(closedBy(4401).fatal, false);
  assert.equal(closedBy(4403).fatal, false);
});

test('the error message names the code and the reason', () => {
  const reports = [];
  const t = new WebSocketTransport({ options: {} }, { closed: (why) => reports.push(why) });
  t.onClose({ code: 1013, reason: 'busy' });
  assert.equal(reports[0].error.message, 'WebSocket closed (1013 busy)');
});
