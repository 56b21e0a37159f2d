import { HeraldError } from './errors.js';

/** The client's states; `client.status` is one of these strings. */
export const State = Object.freeze({
  IDLE: 'idle', // no topic wanted: nothing open
  CONNECTING: 'connecting', // a transport is starting (or falling back down the ladder)
  OPEN: 'open', // a transport delivers
  RECONNECTING: 'reconnecting', // waiting out a backoff delay before connecting again
  OFFLINE: 'offline', // the browser says it is offline: nothing open until it is back
  CLOSED: 'closed', // closed for good
});

const { IDLE, CONNECTING, OPEN, RECONNECTING, OFFLINE, CLOSED } = State;

/**
 * The one transition table: for each state, the states the client may go to next. Every change
 * of `status` goes through {@link StateMachine#to}; anything else is a bug and throws.
 * - to CONNECTING: the first topic (from IDLE), a backoff ended (RECONNECTING), back online
 *   (OFFLINE, RECONNECTING), `use()` pinned a transport (any live state, CONNECTING again included).
 * - to OPEN: a transport opened (CONNECTING), or a probe replaced it (OPEN again: an upgrade).
 * - to RECONNECTING: the transport dropped, or every transport failed (OPEN, CONNECTING).
 * - to OFFLINE: the browser went offline (any live state; OFFLINE again when it says so twice).
 * - to IDLE: the last topic went (any live state but IDLE). To CLOSED: from anything but CLOSED.
 */
export const TRANSITIONS = Object.freeze({
  [IDLE]: Object.freeze([CONNECTING, CLOSED]),
  [CONNECTING]: Object.freeze([CONNECTING, OPEN, RECONNECTING, OFFLINE, IDLE, CLOSED]),
  [OPEN]: Object.freeze([OPEN, CONNECTING, RECONNECTING, OFFLINE, IDLE, CLOSED]),
  [RECONNECTING]: Object.freeze([CONNECTING, OFFLINE, IDLE, CLOSED]),
  [OFFLINE]: Object.freeze([OFFLINE, CONNECTING, IDLE, CLOSED]),
  [CLOSED]: Object.freeze([]),
});

/**
 * The client's state: one value, changed only along {@link TRANSITIONS}. `onChange(state,
 * detail)` hears every change (the client emits its status events from it).
 */
export class StateMachine {
  constructor(onChange = () => {}, initial = IDLE) {
    this.state = initial;
    this.onChange = onChange;
  }

  /** Whether the client may go to `next` from where it is. */
  can(next) {
    return TRANSITIONS[this.state].includes(next);
  }

  /** Whether the client is in one of `states`. */
  is(...states) {
    return states.includes(this.state);
  }

  /** Goes to `next`; an illegal transition is a bug in the client and throws. */
  to(next, detail = {}) {
    if (!this.can(next)) throw new HeraldError('bad-state', `illegal transition ${this.state} → ${next}`);
    this.state = next;
    this.onChange(next, detail);
  }
}
