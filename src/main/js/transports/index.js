import { WebSocketTransport } from './websocket.js';
import { SseTransport } from './sse.js';
import { LongPollTransport } from './longpoll.js';
import { ShortPollTransport } from './shortpoll.js';

/** Transport names, best first. */
export const TRANSPORTS = Object.freeze(['websocket', 'sse', 'longpoll', 'poll']);

/** The built-in transports by name; `options.transportImpls` may add or replace some. */
export const TRANSPORT_IMPLS = Object.freeze({
  websocket: WebSocketTransport,
  sse: SseTransport,
  longpoll: LongPollTransport,
  poll: ShortPollTransport,
});
