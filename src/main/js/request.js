// Request/response (docs/protocol.md, "Request/response"): ask the application on the server a
// question and get its answer, over the open WebSocket (`request` frame) or POST /api/request.
import { HeraldError } from './errors.js';
import { fetchJson } from './http.js';
import { toWire } from './binary.js';

/** The server's default and largest request timeouts (ms). */
export const DEFAULT_TIMEOUT = 5000;
const MAX_TIMEOUT = 30000;

/** How long past the request's own timeout the client waits for the server's answer before giving up itself. */
export const GRACE_MS = 2000;

/** Most requests of one client waiting for answers at once (the server's own bound per WebSocket). */
export const MAX_PENDING = 100;

/** HTTP statuses of the server's request refusals, so that an `error` frame's error reads like the HTTP one. */
const STATUS = {
  'request-timeout': 504,
  'no-responder': 501,
  'too-many-requests': 429,
  'rate-limited': 429,
  unauthenticated: 401,
  'invalid-token': 401,
  'token-expired': 401,
  forbidden: 403,
  'too-large': 413,
  'bad-request': 400,
  'bad-type': 400,
  'bad-topic': 400,
  'bad-binary': 400,
  'bad-timeout': 400,
  'missing-data': 400,
  internal: 500,
  unavailable: 503,
  overloaded: 503,
};

/**
 * The HeraldError of a refused request's `error` frame: the server's own codes get their HTTP
 * status; any other code is the application's `fail(code, message)`, status 422 as over HTTP.
 */
export function requestError(code, message) {
  return new HeraldError(code, message, { status: STATUS[code] ?? 422 });
}

/**
 * Checks a request before it is sent and returns what goes on the wire: `{topic, data, timeout}`
 * with bytes as the `$base64` envelope (a request is always JSON) and `timeout` only when given.
 * Throws `bad-topic`, `missing-data` or `bad-timeout` as the server would.
 */
export function requestBody(topic, data, timeout) {
  if (typeof topic !== 'string' || !topic) throw new HeraldError('bad-topic', 'a request needs a topic', { status: 400 });
  if (data === undefined) throw new HeraldError('missing-data', 'a request needs data', { status: 400 });
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT)) {
    throw new HeraldError('bad-timeout', `timeout must be a whole number of milliseconds 1-${MAX_TIMEOUT}, got ${timeout}`, { status: 400 });
  }
  const body = { topic, data: toWire(data) };
  if (timeout !== undefined) body.timeout = timeout;
  return body;
}

/**
 * `POST /api/request` with the client's credentials: resolves to the reply's `data` (as sent, the
 * caller decodes it), rejects with the problem's HeraldError (504 `request-timeout`, 501
 * `no-responder`, 422 the application's code, 401/403, …), or `timeout` / `network`.
 */
export async function requestHttp(ctx, body) {
  return fetchJson(ctx, 'api/request', { body, timeout: (body.timeout ?? DEFAULT_TIMEOUT) + GRACE_MS, read: (json) => json.data });
}
