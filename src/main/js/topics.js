import { Emitter } from './emitter.js';

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

/** A Subscription's own events; every other name given to `on` is a message event name. */
export const SUBSCRIPTION_EVENTS = Object.freeze(['subscribed', 'gap', 'error', 'join', 'leave']);

/**
 * A subscription to one or more topics, returned by {@link HeraldClient#subscribe}. Besides
 * message handlers it has three events of its own: `subscribed` ({topics, cursor, transport}: the
 * server confirmed all its topics on a new connection), `gap` ({topics, cursor}: the part of a gap
 * that concerns it) and `error` (a HeraldError: the server refused one of its topics, `error.topic`,
 * or the client closed for good; either way the subscription has ended).
 */
export class Subscription {
  constructor(client, topics, handler) {
    this.client = client;
    this.topics = Object.freeze([...topics]);
    this.handler = handler;
    this.byEvent = new Map();
    this.lifecycle = new Emitter();
    this.active = true;
  }

  /**
   * `subscribed`, `gap`, `error`, `join`, `leave`: `fn(detail)` for the subscription's events. Any
   * other name: `fn(data, message)` for messages of that event name only (a message whose event name
   * is one of these five reaches the subscription's handler only). Returns this, for chaining.
   */
  on(event, fn) {
    if (SUBSCRIPTION_EVENTS.includes(event)) {
      this.lifecycle.on(event, fn);
      return this;
    }
    if (!this.byEvent.has(event)) this.byEvent.set(event, new Set());
    this.byEvent.get(event).add(fn);
    return this;
  }

  off(event, fn) {
    if (SUBSCRIPTION_EVENTS.includes(event)) this.lifecycle.off(event, fn);
    else this.byEvent.get(event)?.delete(fn);
    return this;
  }

  dispatch(m) {
    if (this.handler) this.handler(m);
    if (SUBSCRIPTION_EVENTS.includes(m.event)) return;
    for (const fn of this.byEvent.get(m.event) || []) fn(m.data, m);
  }

  /** Emits one of the subscription's own events. */
  emit(event, detail) {
    this.lifecycle.emit(event, detail);
  }

  /** Ends the subscription with `error` (a refused topic, or the client closed for good). */
  fail(error) {
    if (!this.active) return;
    this.unsubscribe(); // ended before its listeners hear why
    this.emit('error', error);
  }

  unsubscribe() {
    if (!this.active) return;
    this.active = false;
    this.client.remove(this);
  }
}
