import { Emitter } from './emitter.js';
import { HeraldError } from './errors.js';
import { CursorTracker } from './cursor.js';
import { backoffDelay } from './backoff.js';
import { State, StateMachine } from './state.js';
import { Fallback } from './fallback.js';
import { Topics, Subscription } from './topics.js';
import { PublishQueue, publishHttp } from './publish.js';
import { historyHttp, historyPage } from './history.js';
import { presenceEvent, readPresence } from './presence.js';
import { Auth } from './auth.js';
import { clientOptions, transportLadder } from './options.js';
import { WebSocketTransport } from './transports/websocket.js';
import { fromWire, isBlob } from './binary.js';
import { MAX_PENDING, requestBody, requestHttp } from './request.js';

const { IDLE, CONNECTING, OPEN, RECONNECTING, OFFLINE, CLOSED } = State;


/** How many fresh credentials in a row may be refused before the client gives up. */
const MAX_RENEWALS = 3;

/**
 * A connection to a Herald server. Create it with {@link connect}. Status events: `connecting`,
 * `open` ({transport}), `reconnecting` ({delay, attempt, error}), `offline`, `gap` ({topics}),
 * `upgrade` ({from, to}), `closed`, plus `status` with every change and `error` (a HeraldError)
 * for what the app should know: a fatal failure, a refused topic, a token refresh that failed.
 *
 * It owns the current transport, the reconnection, token refresh (`auth`, auth.js) and the
 * offline publish queue; its state changes only through `state` (state.js), the ladder and
 * upgrade are `fallback` (fallback.js), the topic counts `topics`.
 * Not thread-safe: the browser's main thread (or one worker) uses it.
 */
export class HeraldClient extends Emitter {
  /** `base` (or `options.base`): the server's root URL, absolute or relative to the page's origin. */
  constructor(base, options = {}) {
    super();
    if (base && typeof base === 'object' && !(base instanceof URL)) [base, options] = [base.base, base];
    const g = globalThis;
    base = base ?? options.base;
    // The default is the page's origin, never the page's own path: /orders/view.html talks to
    // /api/… at the origin's root.
    const origin = g.location?.origin && g.location.origin !== 'null' ? g.location.origin : 'http://localhost';
    this.base = new URL(base || '/', origin + '/');
    if (!this.base.pathname.endsWith('/')) this.base.pathname += '/';
    this.options = clientOptions(options);
    const { ladder, impls } = transportLadder(this.options);
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
      if (status === OPEN) this.queue.flush();
    });
    this.transport = null;
    this.attempt = 0;
    this.renewals = 0; // fresh credentials refused in a row
    this.session = new Set(); // topics the server confirmed on the current connection
    this.sessionId = 0;
    this.queue = new PublishQueue(this.options.offlineQueue, {
      away: () => this.away(),
      closed: () => this.state.is(CLOSED),
      send: (topic, data, event) => this.send(topic, data, event),
    });
    this.asking = 0; // requests waiting for their answers
    this.auth = new Auth(this.options.token, this.options.auth);
    const fetch = options.fetch || ((...a) => g.fetch(...a));
    const { credentials } = this.options;
    this.ctx = {
      base: this.base,
      options: this.options,
      token: () => this.auth.token(),
      credential: () => this.auth.credential(this.ctx),
      // Every request (polls, SSE, publish, ticket) carries `credentials` when it is set.
      fetch: credentials ? (url, init = {}) => fetch(url, { ...init, credentials }) : fetch,
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
    // Topics other subscriptions already hold are confirmed already: say so once the caller
    // has had the chance to listen.
    queueMicrotask(() => this.confirmSubs());
    return sub;
  }

  remove(sub) {
    this.subs.delete(sub);
    const removed = this.topics.remove(sub.topics);
    for (const t of removed) this.session.delete(t);
    if (removed.length) this.topicsChanged([], removed);
  }

  /** The server confirmed `topics` (all wanted ones when it does not say) up to `cursor`. */
  confirmed(cursor, topics) {
    this.tracker.advance(cursor);
    for (const t of topics || this.topics.names()) this.session.add(t);
    this.confirmSubs();
  }

  /** Emits `subscribed` on each subscription whose topics are all confirmed on this connection. */
  confirmSubs() {
    if (!this.state.is(OPEN)) return;
    for (const sub of [...this.subs]) {
      if (!sub.active || sub.confirmedIn === this.sessionId || !sub.topics.every((t) => this.session.has(t))) continue;
      sub.confirmedIn = this.sessionId;
      sub.emit('subscribed', { topics: sub.topics, cursor: this.tracker.cursor, transport: this.transport });
    }
  }

  /**
   * The server refused `topics`: the subscriptions holding one of them fail (and end); the others
   * carry on. `error` reaches each of them and the client's `error` event.
   */
  refuse(topics, error) {
    this.emit('error', error);
    for (const sub of [...this.subs]) if (sub.active && sub.topics.some((t) => topics.includes(t))) sub.fail(error);
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
    this.session = new Set();
    this.sessionId++;
    const t = this.spawn(name, {
      opened: () => {
        if (this.current !== t) return;
        this.fallback.settle(index);
        this.openedAt = Date.now();
        this.renewals = 0;
        this.state.to(OPEN, { transport: name });
        this.fallback.schedule();
        this.scheduleRefresh();
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
      subscribed: (c, topics) => (buffer ? buffer.push(['subscribed', c]) : this.current === t && this.confirmed(c, topics)),
      message: (m) => (buffer ? buffer.push(['message', m]) : this.current === t && this.deliver(m)),
      gap: (topics) => (buffer ? buffer.push(['gap', topics]) : this.current === t && this.gap(topics)),
      presence: (kind, e) => this.current === t && presenceEvent.call(this, kind, e),
      refused: (topics, error) => (this.current === t || this.fallback.probe === t) && this.refuse(topics, error),
      error: (error) => this.current === t && this.emit('error', error),
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
    p.sink.subscribed = (c, topics) => this.current === p && this.confirmed(c, topics);
    p.sink.message = (m) => this.current === p && this.deliver(m);
    p.sink.gap = (t) => this.current === p && this.gap(t);
    this.openedAt = Date.now();
    this.emit('upgrade', { from, to });
    this.state.to(OPEN, { transport: to });
    this.fallback.schedule();
  }

  deliver(m) {
    if (!this.tracker.accept(m.id)) return;
    m = this.decoded(m);
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
    const cursor = this.tracker.cursor;
    this.emit('gap', { topics, cursor });
    for (const sub of [...this.subs]) {
      const mine = sub.topics.filter((t) => topics.includes(t));
      if (sub.active && mine.length) sub.emit('gap', { topics: mine, cursor });
    }
  }

  lost(index, why) {
    if (this.state.is(CLOSED)) return;
    this.fallback.cancel();
    clearTimeout(this.refreshTimer);
    if (why.fatal) {
      this.fail(why.error);
      return;
    }
    if (why.renew) {
      this.renew(index, why);
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

  /**
   * The server refused the connection's credential as expired (or its ticket): fetch a fresh token
   * and reconnect on the same transport at once. Fatal when the token cannot be renewed (auth.js)
   * or fresh credentials keep being refused.
   */
  renew(index, why) {
    if (++this.renewals > MAX_RENEWALS) {
      const e = why.error;
      this.fail(new HeraldError(e.code, `${e.message}; refused ${MAX_RENEWALS} times with fresh credentials`, { status: e.status, closeCode: e.closeCode, retryable: false }));
      return;
    }
    this.state.to(RECONNECTING, { delay: 0, attempt: this.attempt, error: why.error });
    const renewed = why.error.code === 'token-expired' ? this.auth.renew(why.token) : Promise.resolve();
    renewed.then(
      () => {
        // Unless something else reconnected, went offline or closed meanwhile.
        if (!this.state.is(RECONNECTING) || this.current) return;
        this.state.to(CONNECTING);
        this.open(index);
      },
      (e) => {
        if (this.state.is(RECONNECTING) && !this.current) this.fail(e);
      },
    );
  }

  /** Refreshes the token ahead of its expiry (auth.js has the timing rule). */
  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    const at = this.auth.refreshable ? this.auth.refreshAt : null;
    if (at === null) return;
    this.refreshTimer = setTimeout(() => this.refresh(), Math.max(0, at - Date.now()));
  }

  /**
   * Asks the token function for a fresh token and hands it to the transport: in band on a
   * WebSocket (`auth` frame), by reopening the stream from the cursor on SSE; polls pick it up with
   * their next request. A failure is reported on `error`; the server's close at expiry renews then.
   */
  async refresh() {
    const t = this.current;
    if (!t || !this.state.is(OPEN)) return;
    let token;
    try {
      token = await this.auth.refresh();
    } catch (e) {
      this.emit('error', new HeraldError('token-refresh-failed', `the token function failed: ${e?.message || e}`, { retryable: true }));
      this.refreshTimer = setTimeout(() => this.refresh(), 5000);
      return;
    }
    if (this.current !== t) return;
    try {
      if (token) await t.reauth(token);
    } catch (e) {
      if (this.current === t) this.emit('error', e instanceof HeraldError ? e : new HeraldError('token-refresh-failed', String(e?.message || e)));
    }
    if (this.current === t) this.scheduleRefresh();
  }

  /** Closes for good with `error`: the client and every subscription hear it. */
  fail(error) {
    this.emit('error', error);
    for (const sub of [...this.subs]) if (sub.active) sub.emit('error', error);
    this.close();
  }

  goOffline() {
    if (!this.state.can(OFFLINE)) return; // idle or closed: nothing to take down
    this.stop();
    this.state.to(OFFLINE);
  }

  wakeUp() {
    if (this.state.is(IDLE)) this.queue.flush();
    if (!this.state.is(OFFLINE, RECONNECTING)) return;
    this.stop();
    this.connect();
  }

  /**
   * Publishes `data` on `topic` (event name optional). Resolves to `{id}` once the server stored
   * it: its ack over WebSocket, else the answer to POST /api/publish. Rejects with a HeraldError.
   * With `offlineQueue`, a publish while the client is away (offline, reconnecting, connecting)
   * waits in a bounded queue and is sent once it is open again, in order, once.
   */
  async publish(topic, data, event) {
    if (isBlob(data)) data = new Uint8Array(await data.arrayBuffer());
    if (this.options.offlineQueue > 0 && (this.queue.length || this.away())) return this.queue.add(topic, data, event);
    return this.send(topic, data, event);
  }

  send(topic, data, event) {
    const ws = this.socket();
    return ws ? ws.publish(topic, event, data) : publishHttp(this.ctx, topic, data, event);
  }

  /**
   * One page of `topic`'s retained history (a topic or a list): `{messages, next, gap, more,
   * nextPage()}`. Options: `since` (a cursor; default the oldest retained, or the newest with
   * `reverse`), `limit` (the server's default 100), `reverse` (newest first). Over the open
   * WebSocket when there is one, else `GET /api/history`. Does not subscribe.
   */
  history(topic, options = {}) {
    if (this.state.is(CLOSED)) return Promise.reject(new HeraldError('closed', 'client is closed'));
    return historyPage((topics, o) => this.readHistory(topics, o), topic, options);
  }

  /** Who holds `topic` now: `{count, members?}` (presence.js). */
  presence(topic) {
    return readPresence(this.ctx, topic, this.socket());
  }

  readHistory(topics, o) {
    const ws = this.socket();
    const read = ws ? ws.history(topics, o) : historyHttp(this.ctx, topics, o);
    return read.then((body) => ({ ...body, messages: (body.messages || []).map((m) => this.decoded(m)) }));
  }

  /** `m` with its data as the app gets it (binary.js `fromWire`): bytes as a Uint8Array by default. */
  decoded(m) {
    const data = fromWire(m.data, this.options.decodeBinary);
    return data === m.data ? m : { ...m, data };
  }

  /**
   * Asks the application on the server (its `ClientRequest` observer) and resolves to its reply's
   * data (`{"$base64"}` decoded as for messages). Over the open WebSocket (`request` frame), else
   * `POST /api/request`. `timeout`: ms the server waits for the application (1-30000,
   * default 5000). Rejects with a HeraldError: `request-timeout` (504), `no-responder` (501), the
   * application's own code (422), `forbidden`/`unauthenticated`, `too-many-requests` (more than
   * 100 of this client's requests wait already), `connection-lost` (the socket closed first; a
   * request is never sent twice), `timeout`/`network`, `closed`.
   */
  async request(topic, data, { timeout } = {}) {
    if (this.state.is(CLOSED)) throw new HeraldError('closed', 'client is closed');
    if (isBlob(data)) data = new Uint8Array(await data.arrayBuffer());
    const body = requestBody(topic, data, timeout);
    if (this.asking >= MAX_PENDING) {
      throw new HeraldError('too-many-requests', `${MAX_PENDING} requests already wait for their answers`, { status: 429 });
    }
    this.asking++;
    try {
      const ws = this.socket();
      return fromWire(await (ws ? ws.ask(body) : requestHttp(this.ctx, body)), this.options.decodeBinary);
    } finally {
      this.asking--;
    }
  }

  /** The open WebSocket transport, which carries publishes, history, presence and requests in band; or null. */
  socket() {
    return this.current instanceof WebSocketTransport && this.current.isOpen ? this.current : null;
  }

  /** Whether a publish now would find no way to the server. */
  away() {
    const offline = globalThis.navigator?.onLine === false;
    return this.state.is(OFFLINE, RECONNECTING, CONNECTING) || (this.state.is(IDLE) && offline);
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
    clearTimeout(this.refreshTimer);
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
    this.queue.close();
  }
}
