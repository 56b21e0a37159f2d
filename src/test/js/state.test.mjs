// Unit tests of the client's state machine: the transition table, one row per state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State, StateMachine, TRANSITIONS } from '../../main/js/state.js';

const { IDLE, CONNECTING, OPEN, RECONNECTING, OFFLINE, CLOSED } = State;
const ALL = [IDLE, CONNECTING, OPEN, RECONNECTING, OFFLINE, CLOSED];

// The table as the client's behaviour needs it (client.js names the event behind each arrow).
const LEGAL = {
  [IDLE]: [CONNECTING, CLOSED],
  [CONNECTING]: [CONNECTING, OPEN, RECONNECTING, OFFLINE, IDLE, CLOSED],
  [OPEN]: [OPEN, CONNECTING, RECONNECTING, OFFLINE, IDLE, CLOSED],
  [RECONNECTING]: [CONNECTING, OFFLINE, IDLE, CLOSED],
  [OFFLINE]: [OFFLINE, CONNECTING, IDLE, CLOSED],
  [CLOSED]: [],
};

test('the states are the status strings the client reports', () => {
  assert.deepEqual(Object.values(State), ['idle', 'connecting', 'open', 'reconnecting', 'offline', 'closed']);
});

test('the transition table is exactly the legal transitions', () => {
  assert.deepEqual(Object.fromEntries(ALL.map((s) => [s, [...TRANSITIONS[s]]])), LEGAL);
});

for (const from of ALL) {
  for (const to of ALL) {
    const legal = LEGAL[from].includes(to);
    test(`${from} → ${to} is ${legal ? 'legal' : 'illegal'}`, () => {
      const seen = [];
      const m = new StateMachine((state, detail) => seen.push([state, detail]), from);
      assert.equal(m.can(to), legal);
      if (legal) {
        m.to(to, { transport: 'sse' });
        assert.equal(m.state, to);
        assert.deepEqual(seen, [[to, { transport: 'sse' }]]);
      } else {
        assert.throws(() => m.to(to), (e) => e.code === 'bad-state' && e.message === `illegal transition ${from} → ${to}`);
        assert.equal(m.state, from, 'an illegal transition changes nothing');
        assert.deepEqual(seen, []);
      }
    });
  }
}

test('a new machine is idle; is() matches any of the states given', () => {
  const m = new StateMachine();
  assert.equal(m.state, IDLE);
  assert.equal(m.is(IDLE), true);
  assert.equal(m.is(OFFLINE, RECONNECTING), false);
  m.to(CONNECTING);
  m.to(RECONNECTING, { delay: 3 });
  assert.equal(m.is(OFFLINE, RECONNECTING), true);
});
