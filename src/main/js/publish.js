import { fetchJson } from './http.js';
import { toWire } from './binary.js';

/**
 * Publishes over HTTP: `POST /api/publish`, resolving to the server's `{id}` once it stored the
 * message, rejecting with a HeraldError (the problem's code, `timeout` or `network`). Bytes go as
 * `$base64` data.
 */
export async function publishHttp(ctx, topic, data, event) {
  data = toWire(data);
  return fetchJson(ctx, 'api/publish', { body: event ? { topic, event, data } : { topic, data }, timeout: ctx.options.publishTimeout });
}
