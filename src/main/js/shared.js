// One connection per browser: tabs of one origin (and one Herald base) share one connection.
import { Emitter } from './emitter.js';
import { HeraldError } from './errors.js';
import { CursorTracker, parseCursor } from './cursor.js';
import { Subscription } from './topics.js';
import { HeraldClient } from './client.js';

/** Locks that are never granted: a tab of a shared worker never leads (the worker does). */
const NEVER = { request: () => new Promise(() => {}) };

/** Stands for a token function in the options a tab sends the shared worker (see worker.js). */
export const TOKEN_FROM_TABS = 'herald:token-from-tabs';

/** Options a worker cannot be given (functions): with one of them the tabs share without it. */
const LOCAL_ONLY = ['fetch', 'WebSocket', 'transportImpls'];

/**
 * The shared worker holding the origin's connection for `base` (`options.shared` true or
 * `'worker'`), or null where there is none to use: `shared: 'tabs'`, no SharedWorker, a `base` on
 * another origin than the page (a worker must be same-origin) unless `workerUrl` says where the
 * script is, or options that cannot be sent to a worker.
 */
export function sharedWorker(base, options, g = globalThis) {
  if (options.shared === 'tabs' || typeof g.SharedWorker !== 'function') return null;
  if (LOCAL_ONLY.some((k) => options[k])) return null;
  const url = options.workerUrl ? new URL(options.workerUrl, g.location?.href) : new URL('herald-worker.js', base);
  if (url.origin !== g.location?.origin) return null;
  try {
    return new g.SharedWorker(url, { name: `herald:${base.href}` });
  } catch {
    return null;
  }
}

/** How long a new leader waits for the other tabs' subscriptions and cursors before connecting. */
export const COLLECT_MS = 100;

/** Whether this browser can share a connection: BroadcastChannel and Web Locks. */
export function canShare(g = globalThis) {
  return typeof g.BroadcastChannel === 'function' && typeof g.navigator?.locks?.request === 'function';
}

/**
 * The earliest of the tabs' cursors: where a new leader resumes so that every tab gets what it has
 * not seen yet (what a tab has seen already, its own cursor drops). Cursors of another history
 * than the first one given (the new leader's own) are left out; null when no tab has one.
 */
export function earliest(cursors) {
  let best = null;
  for (const c of cursors) {
    const p = parseCursor(c);
    if (!p) continue;
    if (!best) best = { c, p };
    else if (p.epoch === best.p.epoch && p.seq < best.p.seq) best = { c, p };
  }
  return best ? best.c : null;
}

const wireError = (e) => e && { code: e.code, message: e.message, status: e.status, closeCode: e.closeCode, topic: e.topic, retryable: e.retryable };
const unwireError = (w) => w && new HeraldError(w.code, w.message, { status: w.status, closeCode: w.closeCode, topic: w.topic, retryable: w.retryable });
const wireDetail = (d) => (d && d.error ? { ...d, error: wireError(d.error) } : d);
const unwireDetail = (d) => (d && d.error ? { ...d, error: unwireError(d.error) } : d);

/**
 * A client whose connection is shared by every tab of the origin that uses the same `base`
 * (`connect(base, {shared: true})`). Where it can, a SharedWorker (worker.js, served as
 * herald-worker.js) is the leader for good and the tabs follow over its ports (`mode` 'worker').
 * Otherwise (`mode` 'tabs') the tabs elect a leader with a Web Lock: the leader holds the
 * one real {@link HeraldClient} and subscribes on it, ref-counted, to every tab's subscriptions;
 * the others (followers) talk to it over a BroadcastChannel. The leader posts every message and
 * status change; each tab keeps its own cursor and drops what it has seen already. When the
 * leader's tab closes, the lock passes to another tab, which gathers the tabs' subscriptions and
 * cursors for {@link COLLECT_MS} ms and resumes from the earliest cursor: nothing is lost, and the
 * cursors drop what would be repeated. Publishes, history reads and requests of a follower go over HTTP
 * from its own tab (no round trip through the leader, nothing to lose at a handover).
 *
 * The same API as HeraldClient. Not thread-safe: the tab's main thread uses it. `deps` (tests)
 * replaces `channel(name)`, `locks` and `createClient(base, options)`.
 */
export class SharedClient extends Emitter {
  constructor(base, options = {}, deps = {}) {
    super();
    const g = globalThis;
    this.options = { ...options, shared: false };
    this.createClient = deps.createClient || ((b, o) => new HeraldClient(b, o));
    // Publishes and history of a follower; it opens nothing until asked.
    this.local = this.createClient(base, this.options);
    this.base = this.local.base;
    const name = `herald:${this.base.href}`;
    this.id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    this.tracker = new CursorTracker(options.since);
    this.subs = new Map(); // this tab's subscriptions by id
    this.subIds = 0;
    this.role = 'pending'; // 'leader' when this tab holds the connection, 'follower' when another does
    this.current = { status: 'idle' };
    this.abort = new AbortController();
    this.tokenFn = typeof options.token === 'function' ? options.token : null;
    const worker = deps.worker === undefined ? sharedWorker(this.base, options) : deps.worker;
    if (worker) {
      this.mode = 'worker';
      // A worker that fails to load (no herald-worker.js at its URL): the tabs elect a leader.
      worker.onerror = () => !this.closed && this.mode === 'worker' && this.joinTabs(deps);
      const sent = { ...options, shared: false, token: this.tokenFn ? TOKEN_FROM_TABS : options.token };
      delete sent.workerUrl;
      worker.port.postMessage({ type: 'init', base: this.base.href, options: sent });
      this.join(worker.port, NEVER);
    } else this.joinTabs(deps);
    if (g.addEventListener) {
      this.onPageHide = () => this.close();
      g.addEventListener('pagehide', this.onPageHide);
    }
  }

  /** Elects a leader among the tabs: a BroadcastChannel and a Web Lock named after the base. */
  joinTabs(deps) {
    const g = globalThis;
    this.channel?.close();
    this.mode = 'tabs';
    const name = `herald:${this.base.href}`;
    this.join((deps.channel || ((n) => new g.BroadcastChannel(n)))(name), deps.locks || g.navigator.locks, name);
  }

  /**
   * Talks to the leader over `channel` (a BroadcastChannel, or the shared worker's port), and
   * becomes the leader when `locks` grants it the lock `name`.
   */
  join(channel, locks, name) {
    this.channel = channel;
    this.channel.onmessage = (e) => this.receive(e.data);
    locks
      .request(name, { signal: this.abort.signal }, () => new Promise((release) => {
        this.release = release;
        if (this.closed) release();
        else this.lead();
      }))
      .catch(() => {}); // aborted by close() while waiting
    this.hello();
  }

  get status() {
    return this.current.status;
  }

  get cursor() {
    return this.tracker.cursor;
  }

  get transport() {
    return this.current.transport || null;
  }

  get transportName() {
    return this.current.transport || null;
  }

  post(msg) {
    if (!this.closed) this.channel.postMessage(msg);
  }

  /** Tells the leader (if any) this tab's subscriptions and cursor. */
  hello() {
    const subs = [...this.subs].map(([id, s]) => ({ id, topics: [...s.topics] }));
    this.post({ type: 'hello', tab: this.id, subs, cursor: this.tracker.cursor });
  }

  subscribe(topics, handler) {
    if (this.closed) throw new HeraldError('closed', 'client is closed');
    const list = Array.isArray(topics) ? topics : [topics];
    if (!list.length) throw new HeraldError('bad-topic', 'at least one topic is required');
    const sub = new Subscription(this, list, handler);
    sub.sharedId = ++this.subIds;
    this.subs.set(sub.sharedId, sub);
    if (this.role === 'leader') this.want(this.id, sub.sharedId, list);
    else this.post({ type: 'sub', tab: this.id, sub: sub.sharedId, topics: list });
    return sub;
  }

  /** Called by a Subscription that ends. */
  remove(sub) {
    this.subs.delete(sub.sharedId);
    if (this.role === 'leader') this.unwant(this.id, sub.sharedId);
    else this.post({ type: 'unsub', tab: this.id, sub: sub.sharedId });
  }

  publish(topic, data, event) {
    if (this.closed) return Promise.reject(new HeraldError('closed', 'client is closed'));
    return (this.inner || this.local).publish(topic, data, event);
  }

  /** A request to the application, from this tab (over the leader's socket when this tab leads, else HTTP). */
  request(topic, data, options) {
    if (this.closed) return Promise.reject(new HeraldError('closed', 'client is closed'));
    return (this.inner || this.local).request(topic, data, options);
  }

  history(topic, options) {
    if (this.closed) return Promise.reject(new HeraldError('closed', 'client is closed'));
    return (this.inner || this.local).history(topic, options);
  }

  presence(topic) {
    if (this.closed) return Promise.reject(new HeraldError('closed', 'client is closed'));
    return (this.inner || this.local).presence(topic);
  }

  /** Pins the shared connection's transport (leader only; a follower's call is ignored). */
  use(name) {
    this.inner?.use(name);
  }

  // ---- what every tab receives

  receive(msg) {
    if (this.closed || !msg || msg.tab === this.id) return;
    switch (msg.type) {
      case 'leader':
        // A new leader, or the leader answering a tab that came after it announced itself.
        if (this.role === 'leader' || this.leader === msg.tab) break;
        this.role = 'follower';
        this.leader = msg.tab;
        if (msg.d && msg.d.status !== this.current.status) this.changed(unwireDetail(msg.d));
        this.hello();
        break;
      case 'message':
        if (this.role !== 'leader') this.deliver(msg.m);
        break;
      case 'status':
        if (this.role !== 'leader') this.changed(unwireDetail(msg.d));
        break;
      case 'error':
        if (this.role !== 'leader') this.emit('error', unwireError(msg.e));
        break;
      case 'gap':
        if (this.role !== 'leader') this.emit('gap', msg.d);
        break;
      case 'sub-event':
        if (msg.to === this.id) this.subEvent(msg.sub, msg.event, msg.detail);
        break;
      case 'token-request':
        // The shared worker's connection needs a token: this tab's token function gives one.
        if (this.tokenFn) Promise.resolve().then(() => this.tokenFn()).then((token) => this.post({ type: 'token', tab: this.id, ref: msg.ref, token }), () => {});
        break;
      case 'hello':
        if (this.role === 'leader') this.joined(msg);
        break;
      case 'sub':
        if (this.role === 'leader') this.want(msg.tab, msg.sub, msg.topics);
        break;
      case 'unsub':
        if (this.role === 'leader') this.unwant(msg.tab, msg.sub);
        break;
      case 'bye':
        if (this.role === 'leader') for (const key of [...this.wanted.keys()]) if (key.startsWith(`${msg.tab}/`)) this.unwant(msg.tab, this.wanted.get(key).sub);
        break;
      default:
        break;
    }
  }

  deliver(m) {
    if (!this.tracker.accept(m.id)) return;
    this.emit('message', m);
    for (const sub of [...this.subs.values()]) {
      if (!sub.active || !sub.topics.includes(m.topic)) continue;
      try {
        sub.dispatch(m);
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  }

  changed(d) {
    const { status, ...detail } = d;
    this.current = d;
    this.emit(status, detail);
    this.emit('status', d);
  }

  subEvent(id, event, detail) {
    const sub = this.subs.get(id);
    if (!sub?.active) return;
    if (event === 'error') {
      sub.fail(unwireError(detail));
      return;
    }
    if (event === 'subscribed') this.tracker.advance(detail.cursor);
    sub.emit(event, detail);
  }

  // ---- the leader

  /** This tab got the lock: gather the tabs' subscriptions and cursors, then connect. */
  lead() {
    this.role = 'leader';
    this.wanted = new Map(); // `tab/sub` → {tab, sub, topics, held}
    this.cursors = [this.tracker.cursor];
    for (const [id, s] of this.subs) this.want(this.id, id, [...s.topics]);
    this.post({ type: 'leader', tab: this.id, d: wireDetail(this.current) });
    this.collecting = setTimeout(() => this.connectShared(), COLLECT_MS);
  }

  joined(msg) {
    this.post({ type: 'leader', tab: this.id, d: wireDetail(this.current) });
    if (!this.inner) this.cursors.push(msg.cursor);
    const listed = new Set(msg.subs.map((s) => s.id));
    for (const [key, w] of [...this.wanted]) if (w.tab === msg.tab && !listed.has(w.sub)) this.unwant(w.tab, w.sub, key);
    for (const s of msg.subs) this.want(msg.tab, s.id, s.topics);
  }

  connectShared() {
    this.collecting = null;
    if (this.closed) return;
    const since = earliest(this.cursors) || this.options.since || null;
    const inner = this.createClient(this.base, { ...this.options, since });
    this.inner = inner;
    inner.on('message', (m) => {
      this.post({ type: 'message', tab: this.id, m });
      this.deliver(m);
    });
    inner.on('status', (d) => {
      this.post({ type: 'status', tab: this.id, d: wireDetail(d) });
      this.changed(d);
    });
    inner.on('error', (e) => {
      this.post({ type: 'error', tab: this.id, e: wireError(e) });
      this.emit('error', e);
    });
    inner.on('gap', (d) => {
      this.post({ type: 'gap', tab: this.id, d });
      this.emit('gap', d);
    });
    for (const w of this.wanted.values()) this.hold(w);
  }

  /** A tab's subscription `sub` wants `topics` on the shared connection. */
  want(tab, sub, topics) {
    const key = `${tab}/${sub}`;
    if (this.wanted.has(key)) return;
    const w = { tab, sub, topics };
    this.wanted.set(key, w);
    if (this.inner) this.hold(w);
  }

  /** Subscribes the shared connection for `w`; its lifecycle events go back to its tab. */
  hold(w) {
    if (w.held || this.inner.status === 'closed') return;
    const s = this.inner.subscribe(w.topics);
    w.held = s;
    const route = (event, detail) => {
      if (w.tab === this.id) this.subEvent(w.sub, event, detail);
      else this.post({ type: 'sub-event', tab: this.id, to: w.tab, sub: w.sub, event, detail });
    };
    s.on('subscribed', (d) => route('subscribed', { topics: d.topics, cursor: d.cursor, transport: d.transport }));
    s.on('gap', (d) => route('gap', d));
    s.on('error', (e) => {
      this.wanted.delete(`${w.tab}/${w.sub}`);
      route('error', wireError(e));
    });
  }

  unwant(tab, sub, key = `${tab}/${sub}`) {
    const w = this.wanted.get(key);
    if (!w) return;
    this.wanted.delete(key);
    w.held?.unsubscribe();
  }

  /** Closes this tab's client; a leader hands the connection over to another tab. */
  close() {
    if (this.closed) return;
    this.post({ type: 'bye', tab: this.id });
    this.closed = true;
    clearTimeout(this.collecting);
    this.abort.abort();
    this.inner?.close();
    this.local.close();
    this.release?.();
    this.channel.close();
    if (this.onPageHide) globalThis.removeEventListener('pagehide', this.onPageHide);
    for (const sub of this.subs.values()) sub.active = false;
    this.subs.clear();
    if (this.current.status !== 'closed') this.changed({ status: 'closed' });
  }
}
