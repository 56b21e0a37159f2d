import { HeraldError } from './errors.js';
import { problem, withToken } from './http.js';
import { toWire } from './binary.js';

/**
 * Publishes over HTTP: `POST /api/publish`, resolving to the server's `{id}` once it stored the
 * message, rejecting with a HeraldError (the problem's code, `timeout` or `network`). Bytes go as
 * `$base64` data.
 */
export async function publishHttp(ctx, topic, data, event) {
  data = toWire(data);
  const headers = await withToken(ctx, { 'Content-Type': 'application/json', Accept: 'application/json' });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ctx.options.publishTimeout);
  try {
    const response = await ctx.fetch(new URL('api/publish', ctx.base), {
      method: 'POST',
      headers,
      body: JSON.stringify(event ? { topic, event, data } : { topic, data }),
      signal: abort.signal,
    });
    if (!response.ok) throw await problem(response);
    return await response.json();
  } catch (e) {
    if (e instanceof HeraldError) throw e;
    throw new HeraldError(abort.signal.aborted ? 'timeout' : 'network', String(e?.message || e));
  } finally {
    clearTimeout(timer);
  }
}
