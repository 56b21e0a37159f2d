import { HeraldError } from '../errors.js';
import { verdict } from '../http.js';

/**
 * Base of every transport. The client gives it a `ctx` (`base`, `options`, `token()`,
 * `credential()`, `fetch`, `WebSocket`, `topics()`, `cursor()`) and a `sink` with `opened()`,
 * `subscribed(cursor, topics?)`, `message(msg)`, `gap(topics)`, `refused(topics, error)` (the
 * server refused these topics: their subscriptions fail, the rest carry on), `error(error)` (worth
 * telling the app, the connection carries on) and `closed({error, hint, fatal, opened, renew,
 * token})`; a transport reports `closed` once. `renew` asks the client for a fresh token (the one
 * it used, `token`, ran out). A transport is `start(topics, since)`ed once and ends with `fail` or
 * `close`; `reauth(token)` hands it a refreshed token while it runs.
 */
export class Transport {
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

  fail(error, hint = 0, fatal = false, renew = false) {
    if (this.done) return;
    this.done = true;
    this.clearTimers();
    this.teardown();
    this.sink.closed({ error, hint, fatal, renew, token: this.credential?.token ?? null, opened: this.isOpen });
  }

  /**
   * Handles an HTTP refusal `err` of a request for `topics` (see http.js `verdict`). Returns true
   * when the refused topics were dropped and the request should be made again without them.
   */
  refusedWith(err, topics, hint) {
    const v = verdict(err, topics);
    if (v.topics) {
      for (const t of v.topics) this.sink.refused([t], new HeraldError(err.code, err.message, { status: err.status, topic: t }));
      return !this.done;
    }
    this.fail(err, hint, !!v.fatal, !!v.renew);
    return false;
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

  /** The client refreshed the token ahead of expiry: carry on with it. */
  reauth() {}
}
