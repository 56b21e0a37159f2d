// Presence (docs/protocol.md, "Presence"): who holds a topic now, and its join and leave events.
import { HeraldError } from './errors.js';
import { fetchJson } from './http.js';

/** The join and leave events the server sends to connections that asked for them (`presence: true`). */
export const PRESENCE_EVENTS = Object.freeze(['join', 'leave']);

/** `{count, members?}` from the server's presence answer (`members` only where the topic names them). */
function answer(body) {
  const out = { count: body.count };
  if (Array.isArray(body.members)) out.members = body.members;
  return out;
}

/**
 * Who holds `topic` now: over the open WebSocket (a `presence` frame with a `ref`) when `socket` is
 * given, else `GET /api/presence`. Rejects with the server's HeraldError (`forbidden`, `bad-topic`…).
 */
export async function readPresence(ctx, topic, socket) {
  if (typeof topic !== 'string' || !topic) throw new HeraldError('bad-topic', 'a topic is required');
  if (socket) return answer(await socket.request({ type: 'presence', topic }, 'presence'));
  return fetchJson(ctx, `api/presence?topic=${encodeURIComponent(topic)}`, { timeout: ctx.options.publishTimeout, read: answer });
}

/**
 * A join or leave event from the server (`{type: 'join'|'leave', topic, count, member?}`, the same
 * on WebSocket and SSE) as the app sees it: `{topic, count, member?}`, emitted as `join`/`leave` on
 * the client (`this`: called as `presenceEvent.call(client, …)`) and on each of its active
 * subscriptions holding the topic.
 */
export function presenceEvent(kind, event) {
  if (!PRESENCE_EVENTS.includes(kind) || typeof event?.topic !== 'string') return;
  const detail = { topic: event.topic, count: event.count };
  if (typeof event.member === 'string') detail.member = event.member;
  const subs = [...this.subs].filter((sub) => sub.active && sub.topics.includes(event.topic));
  if (kind === 'join') {
    this.emit('join', detail);
    for (const sub of subs) sub.emit('join', detail);
  } else {
    this.emit('leave', detail);
    for (const sub of subs) sub.emit('leave', detail);
  }
}
