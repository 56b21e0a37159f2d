import { Transport } from './transport.js';
import { HeraldError } from '../errors.js';
import { SseParser } from '../sse-parser.js';
import { problem, query, retryAfterMillis, withToken } from '../http.js';

/**
 * SSE at /api/sse, read with fetch and a stream parser rather than EventSource: it can send the
 * Authorization header, read the server's `retry:` and heartbeats, and notice a dead stream.
 */
export class SseTransport extends Transport {
  async start(topics, since) {
    this.retry = 0;
    this.since = since;
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
    this.watch(this.ctx.options.connectTimeout, 'SSE did not open in time');
    let credential;
    try {
      credential = await this.ctx.credential();
    } catch (e) {
      if (e.status && !signal.aborted) this.refusedWith(e, [], 0);
      else throw e;
      return;
    }
    if (this.done || signal.aborted) return;
    this.credential = credential;
    // In ticket mode only the single-use ticket goes in the URL; otherwise the token goes in a
    // header (the stream is read with fetch, which can send one).
    // Not an EventSource: it reads refusals, so it asks for the problem too (an `Accept` of only
    // text/event-stream gets a bodiless 204 where reconnecting cannot succeed, docs/protocol.md).
    const accept = { Accept: 'text/event-stream, application/problem+json' };
    const headers = credential.ticket ? accept : await withToken(this.ctx, accept, credential.token);
    const url = new URL(`api/sse?${query(topics, since, { ticket: credential.ticket, presence: this.ctx.options.presence ? 'true' : undefined })}`, this.ctx.base);
    const response = await this.ctx.fetch(url, { headers, signal, cache: 'no-store' });
    if (!response.ok) {
      const err = await problem(response);
      if (signal.aborted) return;
      // Refused for some of its topics: ask again at once without them.
      if (this.refusedWith(err, topics, retryAfterMillis(response))) this.relaunch(since);
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
      this.sink.subscribed(d.cursor || e.id, Array.isArray(d.topics) ? d.topics : undefined);
    } else if (e.event === 'gap') {
      this.sink.gap(JSON.parse(e.data).topics);
    } else if ((e.event === 'join' || e.event === 'leave') && e.id === undefined) {
      // Presence events carry no id; a message the application named `join` or `leave` has one.
      this.sink.presence?.(e.event, JSON.parse(e.data));
    } else if (e.event === 'heartbeat') {
      this.sawHeartbeat = true;
    } else {
      this.sink.message(JSON.parse(e.data));
    }
    this.alive();
  }

  retopic(added, removed, since) {
    // A stream's topics are fixed: reopen it from the cursor (what it already delivered is
    // filtered by the cursor, nothing in between is lost). One still opening starts again.
    this.relaunch(this.isOpen ? since : this.since);
  }

  /** A fresh token ahead of expiry: reopen the stream with it from the cursor, as for new topics. */
  reauth() {
    if (this.isOpen) this.relaunch(this.ctx.cursor());
  }

  relaunch(since) {
    if (this.done) return;
    const old = this.abort;
    this.launch([...this.ctx.topics()], since);
    old?.abort();
  }

  teardown() {
    this.abort?.abort();
  }
}
