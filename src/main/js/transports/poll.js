import { Transport } from './transport.js';
import { HeraldError } from '../errors.js';
import { problem, query, retryAfterMillis, withToken } from '../http.js';

/** A request refused for some of its topics: ask again at once without them. */
const AGAIN = Symbol('again');

/** Long poll (/api/poll) and short poll (/api/messages): the same body, a request per batch. */
export class PollTransport extends Transport {
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
      const body = await this.request(url, limit, topics);
      if (body === AGAIN) continue;
      if (this.done || !body) return;
      if (body.gap?.length) this.sink.gap(body.gap);
      for (const m of body.messages) this.sink.message(m);
      if (first) {
        this.markOpen();
        first = false;
      }
      this.sink.subscribed(body.cursor, topics);
      this.since = body.cursor;
      // A cut page ("more": true): the rest is already waiting, ask again at once.
      if (!this.long && !body.more) await new Promise((r) => (this.wake = r, this.timer(r, o.pollInterval)));
    }
  }

  async request(url, limit, topics) {
    const abort = new AbortController();
    this.abort = abort;
    const timer = this.timer(() => abort.abort(new HeraldError('dead', `no poll answer in ${limit} ms`)), limit);
    // Each request asks for the token: a refreshed one (auth.js) is picked up by the next poll.
    this.credential = { token: await this.ctx.token() };
    const headers = await withToken(this.ctx, { Accept: 'application/json' }, this.credential.token);
    try {
      const response = await this.ctx.fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      if (!response.ok) {
        const err = await problem(response);
        return this.refusedWith(err, topics, retryAfterMillis(response)) ? AGAIN : null;
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
