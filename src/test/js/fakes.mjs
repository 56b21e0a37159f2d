// Fakes shared by the client's unit tests: a scripted WebSocket, a fetch that plays the server's
// HTTP side (tickets, SSE streams written by the test, polls, publishes), unsigned JWTs, and a
// client already open on a WebSocket.
import { connect } from '../../main/js/herald.js';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(fn, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

/** A JWT (not signed: herald.js only reads `exp`) expiring in `seconds`, told apart by `jti`. */
export function jwt(seconds, jti = Math.random().toString(36).slice(2)) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256' })}.${b64({ sub: 'ada', exp: Date.now() / 1000 + seconds, jti })}.sig`;
}

/** A scripted WebSocket: records frames, the test plays the server. */
export class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    FakeSocket.all.push(this);
    setTimeout(() => this.onopen?.(), 0);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.closedByClient = true;
  }
  server(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  /** The server closes the connection. */
  drop(code, reason = '') {
    this.onclose?.({ code, reason });
  }
  /** Answers the last frame of `type` sent (its ref), e.g. `ack` for a publish. */
  last(type) {
    return this.sent.filter((f) => f.type === type).at(-1);
  }
}

export function problemResponse(status, code, detail) {
  return new Response(JSON.stringify({ type: `urn:herald:problem:${code}`, title: 'x', status, detail, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * A fetch playing Herald's HTTP side. `routes(request)` may answer any request (a Response, or
 * undefined for the default): tickets are numbered `ticket-N`, SSE requests get a stream the test
 * writes to (`sse.at(-1).write(...)`), polls the test answers with `polls.at(-1).answer(body)`.
 */
export function fakeServer(routes = () => undefined) {
  const calls = [];
  const sse = [];
  const polls = [];
  let tickets = 0;
  const fetch = async (url, init = {}) => {
    const u = new URL(String(url));
    const request = { url: u, path: u.pathname, init, headers: init.headers || {} };
    calls.push(request);
    const answer = await routes(request);
    if (answer) return answer;
    if (u.pathname.endsWith('/api/ticket')) return Response.json({ ticket: `ticket-${++tickets}`, expiresIn: 30 });
    if (u.pathname.endsWith('/api/publish')) return Response.json({ id: `e-p${calls.length}` }, { status: 201 });
    if (u.pathname.endsWith('/api/sse')) {
      let controller;
      const body = new ReadableStream({ start: (c) => (controller = c) });
      const stream = { ...request, write: (text) => controller.enqueue(new TextEncoder().encode(text)) };
      init.signal?.addEventListener('abort', () => {
        stream.aborted = true;
        try {
          controller.error(new DOMException('aborted', 'AbortError'));
        } catch {
          // already closed
        }
      });
      sse.push(stream);
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    return new Promise((resolve, reject) => {
      const poll = { ...request, answer: (body) => resolve(Response.json(body)), refuse: (r) => resolve(r) };
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      polls.push(poll);
    });
  };
  return { fetch, calls, sse, polls };
}

/** SSE text of a `subscribed` event and of messages `e-<seq>` on `topic`. */
export const sseSubscribed = (cursor, topics) => `event: subscribed\nid: ${cursor}\ndata: ${JSON.stringify({ topics, cursor })}\n\n`;
export const sseMessage = (seq, topic = 't') =>
  `event: n\nid: e-${seq}\ndata: ${JSON.stringify({ id: `e-${seq}`, topic, event: 'n', data: { s: seq }, time: '' })}\n\n`;

/**
 * A client open on one {@link FakeSocket} (the only one in `FakeSocket.all`) subscribed to `t`, the
 * socket confirmed at cursor `e-0`; `options` go to `connect`, `server` is its fetch.
 */
export async function onSocket(options = {}) {
  FakeSocket.all = [];
  const server = fakeServer();
  const c = connect('https://herald.test/', { transports: ['websocket'], WebSocket: FakeSocket, fetch: server.fetch, ...options });
  c.subscribe('t', () => {});
  await until(() => FakeSocket.all[0]?.sent.length === 1);
  const ws = FakeSocket.all[0];
  ws.server({ type: 'subscribed', topics: ['t'], cursor: 'e-0' });
  await until(() => c.status === 'open');
  return { c, ws, server };
}
