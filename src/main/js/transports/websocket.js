import { Transport } from './transport.js';
import { HeraldError, TOPIC_REFUSALS, closeError, topicsNamed } from '../errors.js';
import { CLOSE_CODES } from '../codes.js';
import { decodeFrame, encodeFrame, toBytes, toWire } from '../binary.js';
import { DEFAULT_TIMEOUT, GRACE_MS, requestError } from '../request.js';

/** The subprotocol herald.js offers (docs/protocol.md, "Subprotocol"). */
export const SUBPROTOCOL = 'herald.v1';

/** What a browser reports for a handshake it failed itself (e.g. the server selected no subprotocol). */
const ABNORMAL = 1006;

/** Milliseconds to wait after TRY_AGAIN_LATER before reconnecting. */
const TRY_LATER_MS = 5000;

/** Credential refusals after which a fresh token (or ticket) is fetched and the client reconnects. */
const RENEW = new Set(['token-expired', 'invalid-ticket']);

/**
 * WebSocket at /api/ws: JSON frames, app-level ping/pong, publish acknowledged by the server.
 * Every `subscribe`, `publish`, `auth`, `history` and `request` frame carries a `ref`, so the server's `error` frame for it
 * reaches what sent it: a refused subscribe fails the subscriptions of the topic it names (and is
 * sent again without it), a refused publish rejects its promise, a refused `auth` is reported.
 *
 * It offers the `herald.v1` subprotocol. A server that selects it takes bytes as binary frames
 * both ways; one that selects none speaks the same JSON frames, and bytes go as `$base64` data.
 * A handshake that fails before opening while offering (a browser fails it when an older server
 * selects no subprotocol) is tried once more at once without the offer; when that one opens, this
 * client stops offering (`ctx.plainWebSocket`).
 */
export class WebSocketTransport extends Transport {
  async start(topics, since) {
    this.pending = new Map();
    this.refs = 0;
    this.held = new Set(); // topics the server confirmed on this socket
    let credential;
    try {
      credential = await this.ctx.credential();
    } catch (e) {
      if (e.status) this.refusedWith(e, [], 0);
      else this.fail(e);
      return;
    }
    if (this.done) return;
    this.credential = credential;
    this.connectSocket(credential, since, !this.ctx.plainWebSocket);
  }

  /** Opens the socket with `credential`, offering the subprotocol when `offer`. */
  connectSocket(credential, since, offer) {
    const url = new URL('api/ws', this.ctx.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    // Browsers cannot set headers on a WebSocket: the credential goes in the URL, a single-use
    // ticket in ticket mode, else the token (docs/security.md).
    if (credential.ticket) url.searchParams.set('ticket', credential.ticket);
    else if (credential.token) url.searchParams.set('access_token', credential.token);
    let ws;
    try {
      ws = offer ? new this.ctx.WebSocket(url.toString(), [SUBPROTOCOL]) : new this.ctx.WebSocket(url.toString());
      ws.binaryType = 'arraybuffer';
    } catch (e) {
      this.fail(e);
      return;
    }
    this.ws = ws;
    const { interval, timeout } = this.ctx.options.heartbeat;
    // One deadline for the first socket and the one retried without the offer.
    if (!this.retried) this.timer(() => this.fail(new HeraldError('timeout', 'WebSocket did not open in time')), this.ctx.options.connectTimeout);
    ws.onopen = () => {
      if (this.retried) this.ctx.plainWebSocket = true;
      // The topics wanted now: some may have come or gone while the socket was opening.
      this.live = true;
      this.subscribe([...this.ctx.topics()], since || undefined);
      this.lastHeard = Date.now();
      this.heartbeat = setInterval(() => {
        const quiet = Date.now() - this.lastHeard;
        if (quiet >= interval + timeout) this.fail(new HeraldError('dead', `no frame for ${quiet} ms`));
        else if (quiet >= interval) this.send({ type: 'ping' });
      }, Math.max(50, Math.min(interval, timeout) / 2));
    };
    ws.onmessage = (e) => (typeof e.data === 'string' ? this.frame(e.data) : this.binary(e.data));
    ws.onerror = () => {};
    ws.onclose = (e) => {
      if (offer && !this.live && !this.retried && !this.done && e.code === ABNORMAL) this.retryPlain(ws, since);
      else this.onClose(e);
    };
  }

  /** The handshake offering the subprotocol failed before opening: once more without the offer. */
  retryPlain(ws, since) {
    this.retried = true;
    ws.onopen = ws.onmessage = ws.onclose = null;
    // A ticket is single-use and the failed handshake may have spent it: take a fresh credential.
    Promise.resolve(this.ctx.credential())
      .then((credential) => {
        if (this.done) return;
        this.credential = credential;
        this.connectSocket(credential, since, false);
      })
      .catch((e) => (e.status ? this.refusedWith(e, [], 0) : this.fail(e)));
  }

  /** Whether the server selected `herald.v1`, and so takes and sends binary frames. */
  get binaryFrames() {
    return this.ws?.protocol === SUBPROTOCOL;
  }

  send(frame, bytes) {
    try {
      this.ws.send(bytes ? encodeFrame(frame, bytes) : JSON.stringify(frame));
    } catch {
      // onclose follows
    }
  }

  /** A binary frame from the server: a message whose data is the frame's bytes. */
  binary(data) {
    if (this.done) return;
    this.lastHeard = Date.now();
    const f = decodeFrame(data);
    if (!f) {
      this.sink.error(new HeraldError('bad-binary', 'a binary frame from the server without a JSON header and a newline'));
      return;
    }
    const h = f.header;
    if (h.type === 'message') this.sink.message({ id: h.id, topic: h.topic, event: h.event, data: f.bytes, time: h.time });
  }

  /** Sends a `subscribe` frame with a ref, remembered so that its refusal finds its topics. */
  subscribe(topics, since) {
    if (!topics.length) return;
    const ref = ++this.refs;
    this.pending.set(ref, { kind: 'subscribe', topics, since });
    this.send({ type: 'subscribe', topics, since, ref, presence: this.ctx.options.presence ? true : undefined });
  }

  frame(text) {
    if (this.done) return;
    this.lastHeard = Date.now();
    let f;
    try {
      f = JSON.parse(text);
    } catch {
      return;
    }
    switch (f.type) {
      case 'subscribed':
        // Answers carry no ref: a subscribe is settled by the topics it names.
        for (const [ref, p] of this.pending) if (p.kind === 'subscribe' && p.topics.every((t) => f.topics?.includes(t))) this.pending.delete(ref);
        for (const t of f.topics || []) this.held.add(t);
        if (!this.isOpen) this.clearTimers();
        this.markOpen();
        this.sink.subscribed(f.cursor, f.topics);
        break;
      case 'message':
        this.sink.message({ id: f.id, topic: f.topic, event: f.event, data: f.data, time: f.time });
        break;
      case 'gap':
        this.sink.gap(f.topics);
        break;
      case 'join':
      case 'leave':
        this.sink.presence?.(f.type, f);
        break;
      case 'ack':
      case 'reply':
      case 'authenticated':
      case 'history':
      case 'presence':
      case 'error':
        this.answer(f);
        break;
      default:
        break; // pong and future frame types
    }
  }

  /** An `ack`, `authenticated` or `error` frame: settles the frame with its ref. */
  answer(f) {
    const p = f.ref === undefined ? null : this.pending.get(f.ref);
    if (p) this.pending.delete(f.ref);
    if (f.type !== 'error') {
      const answers = {
        ack: () => ({ id: f.id }),
        reply: () => f.data,
        authenticated: () => ({ expires: f.expires }),
        history: () => ({ messages: f.messages || [], next: f.next ?? null, gap: f.gap || [] }),
        presence: () => f,
      };
      p?.resolve?.(answers[f.type]());
      return;
    }
    const error = p?.kind === 'request' ? requestError(f.code, f.message) : new HeraldError(f.code, f.message);
    if (p?.kind === 'subscribe') this.subscribeRefused(p, error);
    else if (p) p.reject(error);
    else this.sink.error(error); // an error for no frame we know: still the app's business
  }

  /**
   * The server refused a whole `subscribe` frame; it names the first refused topic. Those topics'
   * subscriptions fail and the frame goes again without them. A credential that ran out is left to
   * the close that follows.
   */
  subscribeRefused(p, error) {
    if (RENEW.has(error.code)) return;
    let refused = TOPIC_REFUSALS.has(error.code) ? topicsNamed(error.message, p.topics) : [];
    // Not naming a topic (e.g. too many topics): on a live connection the frame's topics are the
    // new ones and fail together; the first subscribe failing that way fails the connection.
    if (!refused.length && this.isOpen) refused = p.topics;
    if (!refused.length) {
      this.fail(error, 0, error.status === 401 || error.status === 403 || TOPIC_REFUSALS.has(error.code));
      return;
    }
    for (const t of refused) this.sink.refused([t], new HeraldError(error.code, error.message, { topic: t }));
    if (this.done) return;
    const wanted = new Set(this.ctx.topics());
    this.subscribe(p.topics.filter((t) => wanted.has(t) && !refused.includes(t)), p.since);
  }

  onClose(e) {
    // Close codes are the server's hints (codes.js): SLOW_CONSUMER = fell behind, resume at once;
    // TRY_AGAIN_LATER = wait; POLICY_VIOLATION = not allowed, do not retry, unless its reason is a
    // credential that ran out (`token-expired: …`): then a fresh one is fetched.
    const error = closeError(e.code, e.reason);
    const renew = e.code === CLOSE_CODES.POLICY_VIOLATION.code && RENEW.has(error.code);
    const fatal = e.code === CLOSE_CODES.POLICY_VIOLATION.code && !renew;
    const hint = e.code === CLOSE_CODES.TRY_AGAIN_LATER.code ? TRY_LATER_MS : 0;
    if (e.code === CLOSE_CODES.SLOW_CONSUMER.code) error.immediate = true;
    this.fail(error, hint, fatal, renew);
  }

  retopic(added, removed) {
    if (!this.live) return; // the first subscribe, when the socket opens, takes the topics then
    // New topics start live on a running socket: a replay after the cursor would interleave with
    // messages already queued for the other topics. Reconnects resume every topic from the cursor.
    if (added.length) this.subscribe(added);
    // Only what the server holds: a refused topic was never subscribed.
    const held = removed.filter((t) => this.held.delete(t));
    if (held.length) this.send({ type: 'unsubscribe', topics: held });
  }

  /** Sends the refreshed token in band; resolves on `authenticated`, rejects on the `error` frame. */
  reauth(token) {
    if (!this.isOpen || !token) return Promise.resolve(null);
    return this.request({ type: 'auth', token }, 'auth').then((answer) => {
      if (this.credential) this.credential = { token };
      return answer;
    });
  }

  /** Bytes go as a binary frame where the server selected `herald.v1`, else as `$base64` data. */
  publish(topic, event, data) {
    const bytes = toBytes(data);
    if (bytes && this.binaryFrames) return this.request({ type: 'publish', topic, event }, 'publish', { bytes });
    return this.request({ type: 'publish', topic, event, data: toWire(data) }, 'publish');
  }

  /**
   * A request to the application (`request` frame, `body` from request.js): resolves to the reply's
   * data as sent. Waits for the server's answer up to `GRACE_MS` past the request's timeout; a
   * connection that closes first rejects it with `connection-lost` (it is not sent again).
   */
  ask(body) {
    return this.request({ type: 'request', ...body }, 'request', { wait: (body.timeout ?? DEFAULT_TIMEOUT) + GRACE_MS });
  }

  /** One page of history over the socket (`history` frame); resolves to `{messages, next, gap}`. */
  history(topics, { since, limit, reverse }) {
    const frame = { type: 'history', topics, reverse };
    if (since) frame.since = since;
    if (limit) frame.limit = limit;
    return this.request(frame, 'history');
  }

  /**
   * Sends `frame` with a fresh ref (as a binary frame's header when there are `bytes`); settles with
   * the answer carrying that ref, or `timeout` after `wait` ms (default `publishTimeout`).
   */
  request(frame, kind, { bytes, wait = this.ctx.options.publishTimeout } = {}) {
    const ref = ++this.refs;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(ref);
        reject(new HeraldError('timeout', 'no answer in time'));
      }, wait);
      this.pending.set(ref, {
        kind,
        resolve: (v) => (clearTimeout(t), resolve(v)),
        reject: (e) => (clearTimeout(t), reject(e)),
      });
      this.send({ ...frame, ref }, bytes);
    });
  }

  teardown() {
    clearInterval(this.heartbeat);
    const lost = (kind) =>
      kind === 'request'
        ? new HeraldError('connection-lost', 'the connection closed before the reply came; the request is not sent again')
        : new HeraldError('connection-lost', 'the connection closed before the server answered; a publish may or may not be stored');
    for (const p of this.pending?.values() || []) p.reject?.(lost(p.kind));
    this.pending?.clear();
    if (this.ws) {
      this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
      try {
        this.ws.close(CLOSE_CODES.NORMAL.code);
      } catch {
        // already closed
      }
    }
  }
}
