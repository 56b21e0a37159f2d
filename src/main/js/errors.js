/**
 * Codes after which retrying (the client by itself, or the app for a publish) can succeed: the
 * connection dropped, the server is busy, or a credential ran out and a fresh one is fetched.
 * Everything else (`forbidden`, `unauthenticated`, `invalid-token`, `origin-not-allowed`, `bad-*`,
 * `rejected`, …) will fail the same way again.
 */
const RETRYABLE = new Set([
  'network', 'timeout', 'dead', 'closed', 'connection-lost', 'going-away', 'heartbeat-missed',
  'slow-consumer', 'too-large', 'unavailable', 'overloaded', 'too-many-connections', 'rate-limited',
  'token-expired', 'invalid-ticket', 'queue-full', 'internal',
  'request-timeout', 'too-many-requests',
]);

/**
 * An error from Herald or the server. `code` is the server's problem code (`token-expired`,
 * `forbidden`, `unauthenticated`, `origin-not-allowed`, `too-many-connections`, `bad-topic`, …) or
 * a client one (`timeout`, `network`, `connection-lost`, `dead`, `closed`, `queue-full`, …);
 * `status` the HTTP status and `closeCode` the WebSocket close code it came with, `topic` the topic
 * it concerns (a refused subscription), `retryable` whether trying again can succeed.
 * `details` may be a number (the HTTP status) or `{status, closeCode, topic, retryable}`.
 */
export class HeraldError extends Error {
  constructor(code, message, details = {}) {
    super(message || code);
    const d = typeof details === 'number' ? { status: details } : details || {};
    this.name = 'HeraldError';
    this.code = code;
    if (d.status !== undefined) this.status = d.status;
    if (d.closeCode !== undefined) this.closeCode = d.closeCode;
    if (d.topic !== undefined) this.topic = d.topic;
    this.retryable = d.retryable ?? (RETRYABLE.has(code) || (d.status >= 500 && d.status !== 501));
  }
}

/** Error codes of the server's close codes (docs/protocol.md, "Limits, heartbeats and close codes"). */
const CLOSE_ERRORS = { 1000: 'closed', 1001: 'going-away', 1009: 'too-large', 4000: 'heartbeat-missed', 4008: 'slow-consumer', 4029: 'too-many-connections' };

/**
 * The HeraldError of a WebSocket close. A 1008 carries the refusal's code in its reason
 * (`token-expired: the token has expired`), and so does a 1013 for a flood (`rate-limited: …`);
 * any other 1013 is `unavailable` or `overloaded` by its reason. A 1002 (the server speaks none of
 * the offered subprotocols) is not retryable; the client still falls back to another transport.
 */
export function closeError(code, reason = '') {
  const prefix = /^([a-z][a-z0-9-]*):/.exec(reason)?.[1];
  let name = CLOSE_ERRORS[code] || 'closed';
  if (code === 1008) name = prefix || 'policy-violation';
  if (code === 1013) name = prefix || (/unavailable/.test(reason) ? 'unavailable' : 'overloaded');
  const retryable = code === 1008 ? RETRYABLE.has(name) : code !== 1000 && code !== 1002;
  return new HeraldError(name, `WebSocket closed (${code}${reason ? ' ' + reason : ''})`, { closeCode: code, retryable });
}

/**
 * The topics of `topics` that a refusal's text names: the server words it "… may not subscribe to
 * topic 'T'" (the first refused topic of the request). Empty when it names none of them.
 */
export function topicsNamed(message, topics) {
  const named = [...String(message || '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
  return topics.filter((t) => named.includes(t));
}

/** Codes of a refusal that concerns a topic rather than the whole connection. */
export const TOPIC_REFUSALS = new Set(['forbidden', 'unauthenticated', 'bad-topic']);
