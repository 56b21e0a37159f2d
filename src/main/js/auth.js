// The client's credentials: the `token` option (a string or a possibly async function), when to
// refresh it (from the JWT's `exp`), and tickets (POST /api/ticket) for stream URLs.
import { HeraldError } from './errors.js';
import { problem } from './http.js';

/** Milliseconds since the epoch at which a JWT expires (its unverified `exp`), or null. */
export function jwtExpiry(token) {
  const part = typeof token === 'string' ? token.split('.')[1] : null;
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4);
    const exp = JSON.parse(atob(b64)).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Milliseconds from `now` until a token expiring at `expiresAt` is refreshed: at 80 % of its
 * remaining lifetime or 30 s before it expires, whichever is earlier, but never before half of the
 * remaining lifetime (a token of a few seconds is not refreshed at once, over and over) nor sooner
 * than 1 s (a clock far ahead of the issuer's would otherwise ask for tokens in a loop).
 */
export function refreshDelay(expiresAt, now = Date.now()) {
  const left = expiresAt - now;
  return Math.max(1000, Math.round(Math.max(left / 2, Math.min(left * 0.8, left - 30_000))));
}

/**
 * The credentials of one client. `token()` is what a request or connection sends: a string token
 * as it is; a function's token is kept until its refresh time when it is a JWT with `exp`, else
 * asked for again each time. `mode` is `'ticket'` when streams connect with `?ticket=`.
 *
 * Not thread-safe (browser main thread); the client and its transports call it.
 */
export class Auth {
  constructor(source, mode = null, now = () => Date.now()) {
    this.source = source ?? null;
    this.mode = mode;
    this.now = now;
    this.cached = null;
    this.refreshAt = null; // when the cached token is due for a refresh (JWTs only)
    this.expiresAt = null;
  }

  /** Whether the token can be refreshed (it comes from a function). */
  get refreshable() {
    return typeof this.source === 'function';
  }

  /** The token to send now, or null (anonymous or session cookie). */
  async token() {
    if (!this.refreshable) return this.source || null;
    if (this.cached && this.refreshAt !== null && this.now() < this.refreshAt) return this.cached;
    return this.ask();
  }

  async ask() {
    const t = (await this.source()) || null;
    this.cached = t;
    this.expiresAt = jwtExpiry(t);
    this.refreshAt = this.expiresAt === null ? null : this.now() + refreshDelay(this.expiresAt, this.now());
    return t;
  }

  /**
   * Asks the token function for a fresh token ahead of expiry. Resolves to it, or to null when the
   * function gave the same token again (nothing to send; the server's close at expiry will ask
   * once more, through {@link renew}).
   */
  async refresh() {
    const before = this.cached;
    const t = await this.ask();
    if (t === before) {
      this.refreshAt = null; // no point asking again before it expires
      return null;
    }
    return t;
  }

  /**
   * After the server refused `rejected` as expired: a new token from the function. Rejects with a
   * fatal `token-expired` HeraldError when there is no function, it fails, or it gives the same token.
   */
  async renew(rejected) {
    const fatal = (why) => new HeraldError('token-expired', `the token expired and ${why}`, { retryable: false });
    if (!this.refreshable) throw fatal('`token` is not a function: nothing can refresh it');
    let t;
    try {
      t = await this.ask();
    } catch (e) {
      throw fatal(`the token function failed: ${e?.message || e}`);
    }
    if (t !== null && t === rejected) throw fatal('the token function returned the same token');
    return t;
  }

  /**
   * What a stream connects with: `{token}`, or in ticket mode `{token, ticket}` after trading the
   * token (or the session cookie) for a single-use ticket at `POST /api/ticket`.
   */
  async credential(ctx) {
    const token = await this.token();
    if (this.mode !== 'ticket') return { token };
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await ctx.fetch(new URL('api/ticket', ctx.base), { method: 'POST', headers, cache: 'no-store' });
    } catch (e) {
      throw new HeraldError('network', `no ticket: ${e?.message || e}`);
    }
    if (!response.ok) throw await problem(response);
    return { token, ticket: (await response.json()).ticket };
  }
}
