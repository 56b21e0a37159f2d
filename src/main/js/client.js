import { Emitter } from './emitter.js';
import { HeraldError } from './errors.js';
import { CursorTracker } from './cursor.js';
import { backoffDelay } from './backoff.js';
import { State, StateMachine } from './state.js';
import { Fallback } from './fallback.js';
import { Topics, Subscription } from './topics.js';
import { publishHttp } from './publish.js';
import { TRANSPORTS, TRANSPORT_IMPLS } from './transports/index.js';
import { WebSocketTransport } from './transports/websocket.js';

const { IDLE, CONNECTING, OPEN, RECONNECTING, OFFLINE, CLOSED } = State;

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

/**
 * A connection to a Herald server. Create it with {@link connect}. Status events: `connecting`,
 * `open` ({transport}), `reconnecting` ({delay, attempt, error}), `offline`, `gap` ({topics}),
 * `upgrade` ({from, to}), `closed`, plus `status` with every change and `error` for failures.
 *
 * It owns the current transport and the reconnection; its state changes only through `state`
 * (state.js), the ladder and upgrade are `fallback` (fallback.js), the topic counts `topics`.
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
    const ladder = this.options.transports.filter((t) => {
      if (!impls[t]) throw new HeraldError('bad-transport', `unknown transport '${t}'`);
      return true;
    });
    if (!ladder.length) throw new HeraldError('bad-transport', 'no transport to use');
    this.impls = impls;
    this.fallback = new Fallback(ladder, this.options.upgrade, {
      current: () => this.current,
      spawn: (name, hooks, buffer) => this.spawn(name, hooks, buffer),
      begin: (t) => this.begin(t),
      promote: (p, swap) => this.promote(p, swap),
    });
    this.tracker = new CursorTracker(this.options.since);
    this.subs = new Set();
    this.topics = new Topics();
    this.state = new StateMachine((status, detail) => {
      this.emit(status, detail);
      this.emit('status', { status, ...detail });
    });
    this.transport = null;
    this.attempt = 0;
    const token = this.options.token;
    this.ctx = {
      base: this.base,
      options: this.options,
      token: async () => (typeof token === 'function' ? await token() : token),
      fetch: options.fetch || ((...a) => g.fetch(...a)),
      WebSocket: options.WebSocket || g.WebSocket,
      topics: () => this.topics.names(),
      cursor: () => this.tracker.cursor,
    };
    if (g.addEventListener) {
      this.onOffline = () => this.goOffline();
      this.onOnline = () => this.wakeUp();
      g.addEventListener('offline', this.onOffline);
      g.addEventListener('online', this.onOnline);
    }
  }

  /** One of {@link State}'s values. */
  get status() {
    return this.state.state;
  }

  /** The last message id seen: pass it as `since` to resume in a later page. */
  get cursor() {
    return this.tracker.cursor;
  }

  /** Name of the transport in use, or null. */
  get transportName() {
    return this.current?.name || null;
  }

  /**
   * Subscribes to a topic or a list of topics. `handler(message)` gets every message; use
   * `.on(event, fn)` on the result for handlers per event name.
   */
  subscribe(topics, handler) {
    if (this.state.is(CLOSED)) throw new HeraldError('closed', 'client is closed');
    const list = Array.isArray(topics) ? topics : [topics];
    if (!list.length) throw new HeraldError('bad-topic', 'at least one topic is required');
    const sub = new Subscription(this, list, handler);
    this.subs.add(sub);
    const added = this.topics.add(sub.topics);
    if (added.length) this.topicsChanged(added, []);
    return sub;
  }

  remove(sub) {
    this.subs.delete(sub);
    const removed = this.topics.remove(sub.topics);
    if (removed.length) this.topicsChanged([], removed);
  }

  topicsChanged(added, removed) {
    if (this.state.is(CLOSED)) return;
    if (this.topics.size === 0) {
      this.stop();
      this.state.to(IDLE);
      return;
    }
    if (this.current) {
      this.current.retopic(added, removed, this.tracker.cursor);
      this.fallback.probe?.retopic(added, removed, this.tracker.cursor);
    } else if (this.state.is(IDLE)) {
      this.connect();
    }
  }

  /** Connects again from the best rung that worked. */
  connect() {
    this.state.to(CONNECTING);
    this.open(this.fallback.floor);
  }

  /** Starts transport number `index` of the ladder; on failure before opening, falls to the next. */
  open(index) {
    clearTimeout(this.retryTimer);
    const name = this.fallback.name(index);
    const t = this.spawn(name, {
      opened: () => {
        if (this.current !== t) return;
        this.fallback.settle(index);
        this.openedAt = Date.now();
        this.state.to(OPEN, { transport: name });
        this.fallback.schedule();
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
      Promise.resolve(t.start([...this.topics.names()], this.since())).catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  /** Where the next stream starts: the cursor, else the `since` option (a cursor or 'earliest'). */
  since() {
    return this.tracker.cursor || this.options.since || null;
  }

  /** Makes transport `name`; with a `buffer` (an upgrade probe) it holds back what it delivers. */
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

  /**
   * Swaps an upgrade probe in for the current transport: the old one is closed and the probe's
   * buffer is replayed through the cursor, so what the old one already delivered is dropped and
   * the rest arrives once and in order.
   */
  promote(p, { from, to, buffer }) {
    this.current.close();
    this.current = p;
    this.transport = to;
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
    this.emit('upgrade', { from, to });
    this.state.to(OPEN, { transport: to });
    this.fallback.schedule();
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
    if (this.state.is(CLOSED)) return;
    this.fallback.cancel();
    if (why.fatal) {
      this.emit('error', why.error);
      this.close();
      return;
    }
    const next = why.opened ? -1 : this.fallback.below(index);
    if (next >= 0) {
      // Blocked or broken before it ever opened: fall back at once; the cursor makes it lossless.
      this.emit('fallback', { from: this.fallback.name(index), to: this.fallback.name(next), error: why.error });
      this.open(next);
      return;
    }
    if (!why.opened) this.fallback.restart();
    if (why.opened && Date.now() - this.openedAt > 5000) this.attempt = 0;
    const delay = why.error?.immediate ? 0 : backoffDelay(this.attempt++, this.options.backoff, why.hint);
    const g = globalThis;
    if (g.navigator && g.navigator.onLine === false) {
      this.goOffline();
      return;
    }
    this.state.to(RECONNECTING, { delay, attempt: this.attempt, error: why.error });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  goOffline() {
    if (!this.state.can(OFFLINE)) return; // idle or closed: nothing to take down
    this.stop();
    this.state.to(OFFLINE);
  }

  wakeUp() {
    if (!this.state.is(OFFLINE, RECONNECTING)) return;
    this.stop();
    this.connect();
  }

  /**
   * Publishes `data` on `topic` (event name optional). Resolves to `{id}` once the server stored
   * it: its ack over WebSocket, else the answer to POST /api/publish. Rejects with a HeraldError.
   */
  async publish(topic, data, event) {
    if (this.current instanceof WebSocketTransport && this.current.isOpen) {
      return this.current.publish(topic, event, data);
    }
    return publishHttp(this.ctx, topic, data, event);
  }

  /**
   * Pins the client to one transport now (a "force transport" menu), resuming from the cursor, or
   * with `null` returns to the automatic ladder. A pinned client neither falls back nor upgrades.
   */
  use(name) {
    this.fallback.pin(name);
    if (this.topics.size === 0 || this.state.is(CLOSED)) return;
    this.stop();
    this.state.to(CONNECTING);
    this.open(0);
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.fallback.cancel();
    if (this.current) {
      const c = this.current;
      this.current = null;
      c.close();
    }
  }

  /** Closes the connection for good; subscriptions end. */
  close() {
    if (this.state.is(CLOSED)) return;
    this.stop();
    const g = globalThis;
    if (this.onOffline) {
      g.removeEventListener('offline', this.onOffline);
      g.removeEventListener('online', this.onOnline);
    }
    this.state.to(CLOSED);
  }
}
