// One page of a topic's retained history (docs/protocol.md, "History"): GET /api/history, or the
// WebSocket `history` frame when the client has an open socket.
import { HeraldError } from './errors.js';
import { fetchJson, query } from './http.js';

/**
 * Reads one page with `read(topics, {since, limit, reverse})` (resolving to the server's
 * `{messages, next, gap}`) and wraps it as a {@link HistoryPage}: the page plus `more` and
 * `nextPage()`, which reads the page after it with the same `limit` and `reverse`.
 */
export async function historyPage(read, topic, options = {}) {
  const { since = null, limit, reverse = false } = options;
  const topics = Array.isArray(topic) ? topic : [topic];
  if (!topics.length) throw new HeraldError('bad-topic', 'at least one topic is required');
  const body = await read(topics, { since, limit, reverse: !!reverse });
  const next = body.next ?? null;
  return {
    messages: body.messages || [],
    next,
    gap: body.gap || [],
    more: next !== null,
    nextPage: () => (next === null ? Promise.resolve(null) : historyPage(read, topics, { since: next, limit, reverse })),
  };
}

/** `GET /api/history` with the client's credentials; rejects with the problem's HeraldError. */
export async function historyHttp(ctx, topics, { since, limit, reverse }) {
  const path = `api/history?${query(topics, since, { limit, reverse: reverse ? 'true' : undefined })}`;
  return fetchJson(ctx, path, { timeout: ctx.options.publishTimeout });
}
