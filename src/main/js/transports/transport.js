/**
 * Base of every transport. The client gives it a `ctx` (`base`, `options`, `token()`, `fetch`,
 * `WebSocket`, `topics()`, `cursor()`) and a `sink` with `opened()`, `subscribed(cursor)`,
 * `message(msg)`, `gap(topics)`, `closed({error, hint, fatal, opened})`; a transport reports
 * `closed` once. A transport is `start(topics, since)`ed once and ends with `fail` or `close`.
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
