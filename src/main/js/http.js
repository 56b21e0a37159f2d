// What every HTTP request of the client shares: the query string, the auth header, reading the
// server's Retry-After and problem+json answers.
import { HeraldError, TOPIC_REFUSALS, topicsNamed } from './errors.js';

/** The `Retry-After` header in milliseconds (seconds or an HTTP date), 0 when absent. */
export function retryAfterMillis(response) {
  const v = response.headers.get('Retry-After');
  if (!v) return 0;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

/** The HeraldError of a failed response: its problem+json `code` and `detail` when it has them. */
export async function problem(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not a problem+json body
  }
  return new HeraldError(body.code || `http-${response.status}`, body.detail || response.statusText, response.status);
}

/**
 * What a stream does with a refused answer `err` to a request for `topics`:
 * - `{renew: true}`: the token (or ticket) ran out: reconnect with a fresh one;
 * - `{topics: [T]}`: the refusal names topics of the request (the server refuses a request whole
 *   and names its first refused topic): fail their subscriptions and ask again without them;
 * - `{fatal: true}`: any other 401/403: retrying will not help;
 * - `{}`: anything else: retry after a backoff.
 */
export function verdict(err, topics) {
  if (err.code === 'token-expired' || err.code === 'invalid-ticket') return { renew: true };
  const named = TOPIC_REFUSALS.has(err.code) ? topicsNamed(err.message, topics) : [];
  if (named.length) return { topics: named };
  return err.status === 401 || err.status === 403 ? { fatal: true } : {};
}

export function query(topics, since, extra = {}) {
  const p = new URLSearchParams();
  for (const t of topics) p.append('topic', t);
  if (since) p.set('since', since);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) p.set(k, String(v));
  return p.toString();
}

/** `headers` plus `Authorization: Bearer` when the client has a token. */
export async function withToken(ctx, headers, token) {
  if (token === undefined) token = await ctx.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}
