// Unit tests of the WebSocket transport's reading of the server's close codes (codes.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES } from '../../main/js/codes.js';
import { WebSocketTransport } from '../../main/js/transports/websocket.js';

/** How the transport reports a close with `code`: the sink's `closed` argument. */
function closedBy(code) {
  const reports = [];
  const t = new WebSocketTransport({ options: {} }, { closed: (why) => reports.push(why) });
  t.onClose({ code, reason: 'why' });
  assert.equal(reports.length, 1);
  const [{ error, hint, fatal }] = reports;
  return { code: error.code, closeCode: error.closeCode, immediate: !!error.immediate, hint, fatal };
}

test('close codes: policy violation is fatal, try-again-later waits 5 s, slow consumer resumes at once', () => {
  const C = CLOSE_CODES;
  assert.deepEqual(closedBy(C.POLICY_VIOLATION.code), { code: 'forbidden', closeCode: 1008, immediate: false, hint: 0, fatal: true });
  assert.deepEqual(closedBy(C.TRY_AGAIN_LATER.code), { code: 'closed', closeCode: 1013, immediate: false, hint: 5000, fatal: false });
  assert.deepEqual(closedBy(C.SLOW_CONSUMER.code), { code: 'closed', closeCode: 4008, immediate: true, hint: 0, fatal: false });
  for (const c of [C.NORMAL, C.GOING_AWAY, C.MESSAGE_TOO_BIG, C.HEARTBEAT_MISSED, C.TOO_MANY_CONNECTIONS]) {
    assert.deepEqual(closedBy(c.code), { code: 'closed', closeCode: c.code, immediate: false, hint: 0, fatal: false }, `${c.code}`);
  }
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
