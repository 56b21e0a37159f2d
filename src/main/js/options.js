// The client's options: the defaults, what the app gives merged over them, and the transport
// ladder they name, checked once when the client is made.
import { HeraldError } from './errors.js';
import { TRANSPORTS, TRANSPORT_IMPLS } from './transports/index.js';

export const DEFAULTS = Object.freeze({
  transports: TRANSPORTS,
  token: null,
  connectTimeout: 5000,
  heartbeat: { interval: 25000, timeout: 10000 },
  backoff: { base: 500, cap: 20000 },
  upgrade: { delay: 10000, cap: 120000 },
  longPollTimeout: 25,
  pollInterval: 2000,
  publishTimeout: 10000,
  since: null,
  auth: 'token',
  credentials: undefined,
  offlineQueue: 0,
  shared: false, // read by connect() (herald.js): a SharedClient when true and the browser can
  decodeBinary: true, // `{"$base64"}` data reaches the app as a Uint8Array (false: as it is)
});

/** `options` over the defaults; the nested `heartbeat`, `backoff` and `upgrade` are merged too. */
export function clientOptions(options) {
  const merged = {
    ...DEFAULTS,
    ...options,
    heartbeat: { ...DEFAULTS.heartbeat, ...options.heartbeat },
    backoff: { ...DEFAULTS.backoff, ...options.backoff },
    upgrade: { ...DEFAULTS.upgrade, ...options.upgrade },
  };
  if (!['token', 'ticket'].includes(merged.auth)) throw new HeraldError('bad-option', `auth must be 'token' or 'ticket', got '${merged.auth}'`);
  return merged;
}

/**
 * The transports to try, best first (`options.transports`), and the classes that make them (the
 * built-in ones, or `options.transportImpls` for tests). Throws `bad-transport` for an unknown
 * name or an empty ladder.
 */
export function transportLadder(options) {
  const impls = { ...TRANSPORT_IMPLS, ...options.transportImpls };
  const ladder = options.transports.filter((t) => {
    if (!impls[t]) throw new HeraldError('bad-transport', `unknown transport '${t}'`);
    return true;
  });
  if (!ladder.length) throw new HeraldError('bad-transport', 'no transport to use');
  return { ladder, impls };
}
