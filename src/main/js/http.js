// What every HTTP request of the client shares: the query string, the auth header, reading the
// server's Retry-After and problem+json answers, and the one-shot JSON calls (publish, history,
// presence, request).
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

/**
 * One JSON call to the server at `path` (relative to its root) with the client's credentials, given
 * up after `timeout` ms: a `POST` of `body` as JSON when `body` is given, else a `GET` no cache
 * answers. Resolves to `read` of the answer's JSON; rejects with the problem's HeraldError, or with
 * `timeout` / `network`.
 */
export async function fetchJson(ctx, path, { body, timeout, read = (json) => json }) {
  const post = body !== undefined;
  const headers = await withToken(ctx, post ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout);
  try {
    const init = post
      ? { method: 'POST', headers, body: JSON.stringify(body), signal: abort.signal }
      : { headers, signal: abort.signal, cache: 'no-store' };
    const response = await ctx.fetch(new URL(path, ctx.base), init);
    if (!response.ok) throw await problem(response);
    return read(await response.json());
  } catch (e) {
    if (e instanceof HeraldError) throw e;
    throw new HeraldError(abort.signal.aborted ? 'timeout' : 'network', String(e?.message || e));
  } finally {
    clearTimeout(timer);
  }
}
