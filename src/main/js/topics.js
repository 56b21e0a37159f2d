/**
 * The topics a client wants, counted by subscription: a topic is added to the connection when its
 * first subscription starts and removed when its last one ends.
 */
export class Topics {
  constructor() {
    this.counts = new Map();
  }

  get size() {
    return this.counts.size;
  }

  /** The wanted topics, in the order they were first wanted. */
  names() {
    return this.counts.keys();
  }

  /** Counts one more subscription to each of `topics`; returns those that were not wanted before. */
  add(topics) {
    const added = [];
    for (const t of topics) {
      const n = this.counts.get(t) || 0;
      if (n === 0) added.push(t);
      this.counts.set(t, n + 1);
    }
    return added;
  }

  /** Counts one subscription less to each of `topics`; returns those no longer wanted. */
  remove(topics) {
    const removed = [];
    for (const t of topics) {
      const n = this.counts.get(t) - 1;
      if (n <= 0) {
        this.counts.delete(t);
        removed.push(t);
      } else this.counts.set(t, n);
    }
    return removed;
  }
}

/** A subscription to one or more topics, returned by {@link HeraldClient#subscribe}. */
export class Subscription {
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
