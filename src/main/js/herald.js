/*! herald.js — the Herald browser client. One API over WebSocket, SSE, long poll and short poll,
 * with fallback, background re-upgrade, reconnection with full-jitter backoff and exactly-once resume.
 * No dependencies, no build step: load it as an ES module from /herald.js, or as a classic script
 * from /herald.global.js (defines window.Herald). Types: /herald.d.ts. Docs: docs/client.md. */

export const VERSION = '0.1.0';

/** Transport names, best first. */
export const TRANSPORTS = Object.freeze(['websocket', 'sse', 'longpoll', 'poll']);

const DEFAULTS = Object.freeze({
  transports: TRANSPORTS,
  token: null,
  connectTimeout: 5000,
  heartbeat: { interval: 25000, timeout: 10000 },
  backoff: { base: 500, cap: 20000 },
  upgrade: { delay: 10000, cap: 120000 },
  longPollTimeout: 25,
  pollInterval: 2000,
  publishTimeout: 10000,
  since: null,
});

/** An error from Herald or the server: `code` is the problem's code (e.g. `bad-topic`, `forbidden`). */
export class HeraldError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.name = 'HeraldError';
    this.code = code;
    if (status !== undefined) this.status = status;
  }
}

/**
 * Full-jitter exponential backoff: a uniform delay in [0, min(cap, base * 2^attempt)], never below
 * the server's hint (SSE `retry:`, `Retry-After`, close code).
 */
export function backoffDelay(attempt, { base, cap }, hint = 0, random = Math.random) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.max(hint || 0, Math.floor(random() * ceiling));
}

/** Parses a cursor `<epoch>-<seq>`; returns null for anything else. */
export function parseCursor(text) {
  if (typeof text !== 'string') return null;
  const m = /^([a-z0-9]+)-(\d{1,16})$/.exec(text);
  if (!m) return null;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? { epoch: m[1], seq } : null;
}

/**
 * The one cursor of a client, across every transport and reconnection. Message ids are positions in
 * the server's single total order, so "new" is simply "later than the cursor, in the same history";
 * a message from another history (the server restarted with an empty memory) starts it afresh.
 */
export class CursorTracker {
  constructor(initial = null) {
    this.cursor = parseCursor(initial) ? initial : null;
  }

  /** Whether the message with this id is new; if so the cursor moves to it. */
  accept(id) {
    const m = parseCursor(id);
    if (!m) return false;
    const c = parseCursor(this.cursor);
    if (c && c.epoch === m.epoch && m.seq <= c.seq) return false;
    this.cursor = id;
    return true;
  }

  /**
   * A position the server vouches for on the stream being read (a `subscribed` cursor, a poll's
   * cursor): everything up to it has been delivered. Never moves back within one history.
   */
  advance(position) {
    const p = parseCursor(position);
    if (!p) return;
    const c = parseCursor(this.cursor);
    if (!c || c.epoch !== p.epoch || p.seq > c.seq) this.cursor = position;
  }
}

/**
 * Incremental `text/event-stream` parser (the WHATWG algorithm): feed it text chunks, it calls
 * `onEvent({event, data, id})`, `onRetry(ms)` and `onComment(text)`.
 */
export class SseParser {
  constructor({ onEvent, onRetry = () => {}, onComment = () => {} }) {
    Object.assign(this, { onEvent, onRetry, onComment });
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = undefined;
  }

  feed(chunk) {
    let text = this.buffer + chunk;
    if (this.skipLf && text[0] === '\n') text = text.slice(1);
    this.skipLf = false;
    let start = 0;
    for (;;) {
      const cr = text.indexOf('\r', start);
      const lf = text.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      let next = end + 1;
      if (end === cr) {
        if (end === text.length - 1) this.skipLf = true; // its \n may open the next chunk
        else if (text[end + 1] === '\n') next++;
      }
      this.line(text.slice(start, end));
      start = next;
    }
    this.buffer = text.slice(start);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line[0] === ':') {
      this.onComment(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.onRetry(Number(value));
  }
}

/** A minimal event emitter: `on` returns a function that removes the listener. */
class Emitter {
  constructor() {
    this.listeners = new Map();
  }

  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
    return () => this.off(name, fn);
  }

  off(name, fn) {
    this.listeners.get(name)?.delete(fn);
  }

  emit(name, value) {
    for (const fn of [...(this.listeners.get(name) || [])]) {
      try {
        fn(value);
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  }
}

function retryAfterMillis(response) {
  const v = response.headers.get('Retry-After');
  if (!v) return 0;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

async function problem(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not a problem+json body
  }
  return new HeraldError(body.code || `http-${response.status}`, body.detail || response.statusText, response.status);
}

function query(topics, since, extra = {}) {
  const p = new URLSearchParams();
  for (const t of topics) p.append('topic', t);
  if (since) p.set('since', since);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) p.set(k, String(v));
  return p.toString();
}

/**
 * Base of every transport. The client gives it a `sink` with `opened()`, `subscribed(cursor)`,
 * `message(msg)`, `gap(topics)`, `closed({error, hint, fatal})`; a transport reports `closed` once.
 */
class Transport {
  constructor(ctx, sink) {
    this.ctx = ctx;
    this.sink = sink;
    this.done = false;
    this.isOpen = false;
    this.timers = new Set();
  }

  timer(fn, ms) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  clearTimers() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  markOpen() {
    if (!this.isOpen && !this.done) {
      this.isOpen = true;
      this.sink.opened();
    }
  }

  fail(error, hint = 0, fatal = false) {
    if (this.done) return;
    this.done = true;
    this.clearTimers();
    this.teardown();
    this.sink.closed({ error, hint, fatal, opened: this.isOpen });
  }

  close() {
    if (this.done) return;
    this.done = true;
    this.clearTimers();
    this.teardown();
  }

  teardown() {}

  /** Topics changed while running; `since` is the client's cursor. */
  retopic() {}
}

/** WebSocket at /api/ws: JSON frames, app-level ping/pong, publish acknowledged by the server. */
class WebSocketTransport extends Transport {
  async start(topics, since) {
    const token = await this.ctx.token();
    if (this.done) return;
    const url = new URL('api/ws', this.ctx.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (token) url.searchParams.set('access_token', token);
    let ws;
    try {
      ws = new this.ctx.WebSocket(url.toString());
    } catch (e) {
      this.fail(e);
      return;
    }
    this.ws = ws;
    this.topics = new Set(topics);
    this.pending = new Map();
    this.refs = 0;
    const { interval, timeout } = this.ctx.options.heartbeat;
    this.timer(() => this.fail(new HeraldError('timeout', 'WebSocket did not open in time')), this.ctx.options.connectTimeout);
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'subscribe', topics, since: since || undefined }));
      this.lastHeard = Date.now();
      this.heartbeat = setInterval(() => {
        const quiet = Date.now() - this.lastHeard;
        if (quiet >= interval + timeout) this.fail(new HeraldError('dead', `no frame for ${quiet} ms`));
        else if (quiet >= interval) this.send({ type: 'ping' });
      }, Math.max(50, Math.min(interval, timeout) / 2));
    };
    ws.onmessage = (e) => this.frame(e.data);
    ws.onerror = () => {};
    ws.onclose = (e) => this.onClose(e);
  }

  send(frame) {
    try {
      this.ws.send(JSON.stringify(frame));
    } catch {
      // onclose follows
    }
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
        this.clearTimers();
        this.markOpen();
        this.sink.subscribed(f.cursor);
        break;
      case 'message':
        this.sink.message({ id: f.id, topic: f.topic, event: f.event, data: f.data, time: f.time });
        break;
      case 'gap':
        this.sink.gap(f.topics);
        break;
      case 'ack':
      case 'error': {
        const p = this.pending.get(f.ref);
        if (p) {
          this.pending.delete(f.ref);
          if (f.type === 'ack') p.resolve({ id: f.id });
          else p.reject(new HeraldError(f.code, f.message));
        } else if (f.type === 'error' && !this.isOpen) {
          this.fail(new HeraldError(f.code, f.message), 0, f.code === 'forbidden');
        }
        break;
      }
      default:
        break; // pong and future frame types
    }
  }

  onClose(e) {
    // Close codes are the server's hints: 4008 = fell behind, resume at once; 1013 = try later;
    // 1008 / 4401 / 4403 = not allowed, do not retry.
    const fatal = e.code === 1008 || e.code === 4401 || e.code === 4403;
    const hint = e.code === 1013 ? 5000 : 0;
    const error = new HeraldError(fatal ? 'forbidden' : 'closed', `WebSocket closed (${e.code}${e.reason ? ' ' + e.reason : ''})`);
    error.closeCode = e.code;
    if (e.code === 4008) error.immediate = true;
    this.fail(error, hint, fatal);
  }

  retopic(added, removed) {
    if (!this.isOpen) return;
    // New topics start live on a running socket: a replay after the cursor would interleave with
    // messages already queued for the other topics. Reconnects resume every topic from the cursor.
    if (added.length) this.send({ type: 'subscribe', topics: added });
    if (removed.length) this.send({ type: 'unsubscribe', topics: removed });
  }

  publish(topic, event, data) {
    const ref = ++this.refs;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(ref);
        reject(new HeraldError('timeout', 'no acknowledgement in time'));
      }, this.ctx.options.publishTimeout);
      this.pending.set(ref, {
        resolve: (v) => (clearTimeout(t), resolve(v)),
        reject: (e) => (clearTimeout(t), reject(e)),
      });
      this.send({ type: 'publish', ref, topic, event, data });
    });
  }

  teardown() {
    clearInterval(this.heartbeat);
    for (const p of this.pending?.values() || []) p.reject(new HeraldError('connection-lost', 'the connection closed before the server acknowledged; the message may or may not be stored'));
    this.pending?.clear();
    if (this.ws) {
      this.ws.onopen = this.ws.onmessage = this.ws.onclose = null;
      try {
        this.ws.close(1000);
      } catch {
        // already closed
      }
    }
  }
}

/**
 * SSE at /api/sse, read with fetch and a stream parser rather than EventSource: it can send the
 * Authorization header, read the server's `retry:` and heartbeats, and notice a dead stream.
 */
class SseTransport extends Transport {
  async start(topics, since) {
    this.retry = 0;
    this.launch(topics, since);
  }

  launch(topics, since) {
    const abort = new AbortController();
    this.abort = abort;
    this.run(topics, since, abort.signal).catch((e) => {
      if (this.abort === abort) this.fail(e, this.retry);
    });
  }

  async run(topics, since, signal) {
    const headers = { Accept: 'text/event-stream' };
    const token = await this.ctx.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (this.done) return;
    this.watch(this.ctx.options.connectTimeout, 'SSE did not open in time');
    const url = new URL(`api/sse?${query(topics, since)}`, this.ctx.base);
    const response = await this.ctx.fetch(url, { headers, signal, cache: 'no-store' });
    if (!response.ok) {
      const err = await problem(response);
      this.fail(err, retryAfterMillis(response), response.status === 401 || response.status === 403);
      return;
    }
    const parser = new SseParser({
      onEvent: (e) => this.event(e),
      onRetry: (ms) => (this.retry = ms),
      onComment: () => {
        this.sawHeartbeat = true; // a server that sends comment heartbeats keeps sending them
        this.alive();
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (this.done || signal.aborted) return;
      if (done) break;
      parser.feed(value);
    }
    this.fail(new HeraldError('closed', 'SSE stream ended'), this.retry);
  }

  /** Fails the stream if nothing arrives within `ms`. */
  watch(ms, why) {
    clearTimeout(this.deadline);
    this.timers.delete(this.deadline);
    this.deadline = this.timer(() => this.fail(new HeraldError('dead', why), this.retry), ms);
  }

  alive() {
    // Heartbeats are optional on the wire: the timer is armed only once the server announced them
    // (a `heartbeat` field in `subscribed`) or sent one.
    const { interval, timeout } = this.ctx.options.heartbeat;
    if (this.heartbeatMs || this.sawHeartbeat) this.watch((this.heartbeatMs || interval) + timeout, 'no SSE heartbeat in time');
  }

  event(e) {
    if (this.done) return;
    if (e.event === 'subscribed') {
      clearTimeout(this.deadline);
      let d = {};
      try {
        d = JSON.parse(e.data);
      } catch {
        // ignore
      }
      this.heartbeatMs = Number(d.heartbeat) || 0;
      this.markOpen();
      this.sink.subscribed(d.cursor || e.id);
    } else if (e.event === 'gap') {
      this.sink.gap(JSON.parse(e.data).topics);
    } else if (e.event === 'heartbeat') {
      this.sawHeartbeat = true;
    } else {
      this.sink.message(JSON.parse(e.data));
    }
    this.alive();
  }

  retopic(added, removed, since) {
    // A stream's topics are fixed: reopen it from the cursor (what it already delivered is
    // filtered by the cursor, nothing in between is lost).
    if (!this.isOpen) return;
    const old = this.abort;
    this.launch([...this.ctx.topics()], since);
    old.abort();
  }

  teardown() {
    this.abort?.abort();
  }
}

/** Long poll (/api/poll) and short poll (/api/messages): the same body, a request per batch. */
class PollTransport extends Transport {
  constructor(ctx, sink, long) {
    super(ctx, sink);
    this.long = long;
  }

  async start(topics, since) {
    this.since = since;
    this.loop(true).catch((e) => this.fail(e));
  }

  async loop(first) {
    const o = this.ctx.options;
    while (!this.done) {
      const topics = [...this.ctx.topics()];
      // The first long poll asks with timeout=0 so the transport is known to work at once.
      const wait = this.long ? (first ? 0 : o.longPollTimeout) : undefined;
      const url = this.long
        ? new URL(`api/poll?${query(topics, this.since, { timeout: wait })}`, this.ctx.base)
        : new URL(`api/messages?${query(topics, this.since)}`, this.ctx.base);
      const limit = first ? o.connectTimeout : (wait || 0) * 1000 + o.heartbeat.timeout;
      const body = await this.request(url, limit);
      if (this.done || !body) return;
      if (body.gap?.length) this.sink.gap(body.gap);
      for (const m of body.messages) this.sink.message(m);
      if (first) {
        this.markOpen();
        first = false;
      }
      this.sink.subscribed(body.cursor);
      this.since = body.cursor;
      if (!this.long) await new Promise((r) => (this.wake = r, this.timer(r, o.pollInterval)));
    }
  }

  async request(url, limit) {
    const abort = new AbortController();
    this.abort = abort;
    const timer = this.timer(() => abort.abort(new HeraldError('dead', `no poll answer in ${limit} ms`)), limit);
    const headers = { Accept: 'application/json' };
    const token = await this.ctx.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      const response = await this.ctx.fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      if (!response.ok) {
        const err = await problem(response);
        this.fail(err, retryAfterMillis(response), response.status === 401 || response.status === 403);
        return null;
      }
      return await response.json();
    } catch (e) {
      if (this.done) return null;
      // Cut short because the topics changed: ask again at once from the same cursor.
      if (abort.signal.reason === 'retopic') return { messages: [], cursor: this.since, gap: [] };
      this.fail(abort.signal.reason instanceof HeraldError ? abort.signal.reason : e);
      return null;
    } finally {
      clearTimeout(timer);
      this.timers.delete(timer);
    }
  }

  retopic(added, removed, since) {
    // The next request carries the new topics; a parked long poll is cut short so it does at once.
    this.since = since || this.since;
    if (this.long && this.isOpen) {
      this.abort?.abort('retopic');
    } else {
      this.wake?.();
    }
  }

  teardown() {
    this.abort?.abort();
    this.wake?.();
  }
}

class LongPollTransport extends PollTransport {
  constructor(ctx, sink) {
    super(ctx, sink, true);
  }
}

class ShortPollTransport extends PollTransport {
  constructor(ctx, sink) {
    super(ctx, sink, false);
  }
}

/** The built-in transports by name; `options.transportImpls` may add or replace some. */
export const TRANSPORT_IMPLS = Object.freeze({
  websocket: WebSocketTransport,
  sse: SseTransport,
  longpoll: LongPollTransport,
  poll: ShortPollTransport,
});

/** A subscription to one or more topics, returned by {@link HeraldClient#subscribe}. */
class Subscription {
  constructor(client, topics, handler) {
    this.client = client;
    this.topics = Object.freeze([...topics]);
    this.handler = handler;
    this.byEvent = new Map();
    this.active = true;
  }

  /** Calls `fn(data, message)` for messages of this event name only. Returns this, for chaining. */
  on(event, fn) {
    if (!this.byEvent.has(event)) this.byEvent.set(event, new Set());
    this.byEvent.get(event).add(fn);
    return this;
  }

  off(event, fn) {
    this.byEvent.get(event)?.delete(fn);
    return this;
  }

  dispatch(m) {
    if (this.handler) this.handler(m);
    for (const fn of this.byEvent.get(m.event) || []) fn(m.data, m);
  }

  unsubscribe() {
    if (!this.active) return;
    this.active = false;
    this.client.remove(this);
  }
}

/**
 * A connection to a Herald server. Create it with {@link connect}. Status events: `connecting`,
 * `open` ({transport}), `reconnecting` ({delay, attempt, error}), `offline`, `gap` ({topics}),
 * `upgrade` ({from, to}), `closed`, plus `status` with every change and `error` for failures.
 */
export class HeraldClient extends Emitter {
  constructor(base, options = {}) {
    super();
    const g = globalThis;
    this.base = new URL(base || (g.location ? g.location.href : 'http://localhost/'), g.location?.href);
    if (!this.base.pathname.endsWith('/')) this.base.pathname += '/';
    this.options = {
      ...DEFAULTS,
      ...options,
      heartbeat: { ...DEFAULTS.heartbeat, ...options.heartbeat },
      backoff: { ...DEFAULTS.backoff, ...options.backoff },
      upgrade: { ...DEFAULTS.upgrade, ...options.upgrade },
    };
    const impls = { ...TRANSPORT_IMPLS, ...options.transportImpls };
    this.ladder = this.options.transports.filter((t) => {
      if (!impls[t]) throw new HeraldError('bad-transport', `unknown transport '${t}'`);
      return true;
    });
    if (!this.ladder.length) throw new HeraldError('bad-transport', 'no transport to use');
    this.allowed = this.ladder;
    this.impls = impls;
    this.tracker = new CursorTracker(this.options.since);
    this.subs = new Set();
    this.counts = new Map();
    this.status = 'idle';
    this.transport = null;
    this.floor = 0; // index of the best transport to start reconnects from
    this.attempt = 0;
    this.upgradeAttempt = 0;
    const token = this.options.token;
    this.ctx = {
      base: this.base,
      options: this.options,
      token: async () => (typeof token === 'function' ? await token() : token),
      fetch: options.fetch || ((...a) => g.fetch(...a)),
      WebSocket: options.WebSocket || g.WebSocket,
      topics: () => this.counts.keys(),
      cursor: () => this.tracker.cursor,
    };
    if (g.addEventListener) {
      this.onOffline = () => this.goOffline();
      this.onOnline = () => this.wakeUp();
      g.addEventListener('offline', this.onOffline);
      g.addEventListener('online', this.onOnline);
    }
  }

  /** The last message id seen: pass it as `since` to resume in a later page. */
  get cursor() {
    return this.tracker.cursor;
  }

  /** Name of the transport in use, or null. */
  get transportName() {
    return this.current?.name || null;
  }

  setStatus(status, detail = {}) {
    this.status = status;
    this.emit(status, detail);
    this.emit('status', { status, ...detail });
  }

  /**
   * Subscribes to a topic or a list of topics. `handler(message)` gets every message; use
   * `.on(event, fn)` on the result for handlers per event name.
   */
  subscribe(topics, handler) {
    if (this.status === 'closed') throw new HeraldError('closed', 'client is closed');
    const list = Array.isArray(topics) ? topics : [topics];
    if (!list.length) throw new HeraldError('bad-topic', 'at least one topic is required');
    const sub = new Subscription(this, list, handler);
    this.subs.add(sub);
    const added = [];
    for (const t of sub.topics) {
      const n = this.counts.get(t) || 0;
      if (n === 0) added.push(t);
      this.counts.set(t, n + 1);
    }
    if (added.length) this.topicsChanged(added, []);
    return sub;
  }

  remove(sub) {
    this.subs.delete(sub);
    const removed = [];
    for (const t of sub.topics) {
      const n = this.counts.get(t) - 1;
      if (n <= 0) {
        this.counts.delete(t);
        removed.push(t);
      } else this.counts.set(t, n);
    }
    if (removed.length) this.topicsChanged([], removed);
  }

  topicsChanged(added, removed) {
    if (this.status === 'closed') return;
    if (this.counts.size === 0) {
      this.stop();
      this.setStatus('idle');
      return;
    }
    if (this.current) {
      this.current.retopic(added, removed, this.tracker.cursor);
      this.probe?.retopic(added, removed, this.tracker.cursor);
    } else if (this.status === 'idle') {
      this.setStatus('connecting');
      this.open(this.floor);
    }
  }

  /** Starts transport number `index` of the ladder; on failure before opening, falls to the next. */
  open(index) {
    clearTimeout(this.retryTimer);
    const name = this.ladder[index];
    const t = this.spawn(name, {
      opened: () => {
        if (this.current !== t) return;
        this.floor = index;
        this.openedAt = Date.now();
        this.setStatus('open', { transport: name });
        this.scheduleUpgrade();
      },
      closed: (why) => {
        if (this.current !== t) return;
        this.current = null;
        this.lost(index, why);
      },
    });
    this.current = t;
    this.transport = name;
    this.begin(t);
  }

  /** Starts a transport; a throwing token provider counts as that transport failing. */
  begin(t) {
    const failed = (e) => t.fail(e instanceof HeraldError ? e : new HeraldError('start', String(e?.message || e)));
    try {
      Promise.resolve(t.start([...this.counts.keys()], this.since())).catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  /** Where the next stream starts: the cursor, else the `since` option (a cursor or 'earliest'). */
  since() {
    return this.tracker.cursor || this.options.since || null;
  }

  spawn(name, hooks, buffer) {
    const sink = {
      opened: hooks.opened,
      closed: hooks.closed,
      subscribed: (c) => (buffer ? buffer.push(['subscribed', c]) : this.current === t && this.tracker.advance(c)),
      message: (m) => (buffer ? buffer.push(['message', m]) : this.current === t && this.deliver(m)),
      gap: (topics) => (buffer ? buffer.push(['gap', topics]) : this.current === t && this.gap(topics)),
    };
    const t = new this.impls[name](this.ctx, sink);
    t.name = name;
    return t;
  }

  deliver(m) {
    if (!this.tracker.accept(m.id)) return;
    this.emit('message', m);
    for (const sub of [...this.subs]) {
      if (sub.active && sub.topics.includes(m.topic)) {
        try {
          sub.dispatch(m);
        } catch (e) {
          setTimeout(() => {
            throw e;
          });
        }
      }
    }
  }

  gap(topics) {
    this.emit('gap', { topics, cursor: this.tracker.cursor });
  }

  lost(index, why) {
    if (this.status === 'closed') return;
    this.cancelUpgrade();
    if (why.fatal) {
      this.emit('error', why.error);
      this.close();
      return;
    }
    if (!why.opened && index + 1 < this.ladder.length) {
      // Blocked or broken before it ever opened: fall back at once; the cursor makes it lossless.
      this.emit('fallback', { from: this.ladder[index], to: this.ladder[index + 1], error: why.error });
      this.open(index + 1);
      return;
    }
    if (!why.opened) this.floor = 0; // nothing worked: the server is likely down, retry from the top
    if (why.opened && Date.now() - this.openedAt > 5000) this.attempt = 0;
    const delay = why.error?.immediate ? 0 : backoffDelay(this.attempt++, this.options.backoff, why.hint);
    const g = globalThis;
    if (g.navigator && g.navigator.onLine === false) {
      this.goOffline();
      return;
    }
    this.setStatus('reconnecting', { delay, attempt: this.attempt, error: why.error });
    this.retryTimer = setTimeout(() => {
      this.setStatus('connecting');
      this.open(this.floor);
    }, delay);
  }

  goOffline() {
    if (this.status === 'closed' || this.status === 'idle') return;
    this.stop();
    this.setStatus('offline');
  }

  wakeUp() {
    if (this.status !== 'offline' && this.status !== 'reconnecting') return;
    this.stop();
    this.setStatus('connecting');
    this.open(this.floor);
  }

  scheduleUpgrade() {
    this.cancelUpgrade();
    if (this.floor === 0) {
      this.upgradeAttempt = 0;
      return;
    }
    const { delay, cap } = this.options.upgrade;
    // Jittered so that many clients demoted by one outage do not all probe at the same moment.
    const wait = Math.min(cap, delay * 2 ** Math.min(this.upgradeAttempt, 20)) * (0.5 + Math.random() * 0.5);
    this.upgradeTimer = setTimeout(() => this.tryUpgrade(0), wait);
  }

  cancelUpgrade() {
    clearTimeout(this.upgradeTimer);
    if (this.probe) {
      const p = this.probe;
      this.probe = null;
      p.close();
    }
  }

  /**
   * Opens a better transport beside the current one, from the current cursor, buffering what it
   * delivers. Once it is open the old one is closed and the buffer is replayed through the cursor:
   * what the old one already delivered is dropped, the rest arrives once and in order.
   */
  tryUpgrade(index) {
    if (!this.current || index >= this.floor) return;
    const name = this.ladder[index];
    const buffer = [];
    const p = this.spawn(
      name,
      {
        opened: () => {
          if (this.probe !== p) return;
          const old = this.current;
          this.probe = null;
          old.close();
          this.current = p;
          this.transport = name;
          const from = this.ladder[this.floor];
          this.floor = index;
          this.upgradeAttempt = 0;
          for (const [kind, v] of buffer) {
            if (kind === 'message') this.deliver(v);
            else if (kind === 'gap') this.gap(v);
            else this.tracker.advance(v);
          }
          buffer.length = 0;
          p.sink.subscribed = (c) => this.current === p && this.tracker.advance(c);
          p.sink.message = (m) => this.current === p && this.deliver(m);
          p.sink.gap = (t) => this.current === p && this.gap(t);
          this.openedAt = Date.now();
          this.emit('upgrade', { from, to: name });
          this.setStatus('open', { transport: name });
          this.scheduleUpgrade();
        },
        closed: () => {
          if (this.probe !== p) return;
          this.probe = null;
          if (index + 1 < this.floor) this.tryUpgrade(index + 1);
          else {
            this.upgradeAttempt++;
            this.scheduleUpgrade();
          }
        },
      },
      buffer,
    );
    this.probe = p;
    this.begin(p);
  }

  /**
   * Publishes `data` on `topic` (event name optional). Resolves to `{id}` once the server stored
   * it: its ack over WebSocket, else the answer to POST /api/publish. Rejects with a HeraldError.
   */
  async publish(topic, data, event) {
    if (this.current instanceof WebSocketTransport && this.current.isOpen) {
      return this.current.publish(topic, event, data);
    }
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const token = await this.ctx.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.publishTimeout);
    try {
      const response = await this.ctx.fetch(new URL('api/publish', this.base), {
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

  /**
   * Pins the client to one transport now (a "force transport" menu), resuming from the cursor, or
   * with `null` returns to the automatic ladder. A pinned client neither falls back nor upgrades.
   */
  use(name) {
    if (name && !this.allowed.includes(name)) throw new HeraldError('bad-transport', `transport '${name}' is not in this client's list`);
    this.ladder = name ? [name] : this.allowed;
    this.floor = 0;
    if (this.counts.size === 0 || this.status === 'closed') return;
    this.stop();
    this.setStatus('connecting');
    this.open(0);
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.cancelUpgrade();
    if (this.current) {
      const c = this.current;
      this.current = null;
      c.close();
    }
  }

  /** Closes the connection for good; subscriptions end. */
  close() {
    if (this.status === 'closed') return;
    this.stop();
    const g = globalThis;
    if (this.onOffline) {
      g.removeEventListener('offline', this.onOffline);
      g.removeEventListener('online', this.onOnline);
    }
    this.setStatus('closed');
  }
}

/**
 * Connects to the Herald server at `base` (default: the page's origin). Nothing is opened until the
 * first subscription; publishing works at once.
 */
export function connect(base, options) {
  return new HeraldClient(base, options);
}

export default { connect, HeraldClient, HeraldError, VERSION, TRANSPORTS };
