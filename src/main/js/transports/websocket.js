import { Transport } from './transport.js';
import { HeraldError } from '../errors.js';
import { CLOSE_CODES } from '../codes.js';

/** Milliseconds to wait after TRY_AGAIN_LATER before reconnecting. */
const TRY_LATER_MS = 5000;

/** WebSocket at /api/ws: JSON frames, app-level ping/pong, publish acknowledged by the server. */
export class WebSocketTransport extends Transport {
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
    // Close codes are the server's hints (codes.js): SLOW_CONSUMER = fell behind, resume at once;
    // TRY_AGAIN_LATER = wait; POLICY_VIOLATION = not allowed, do not retry.
    const fatal = e.code === CLOSE_CODES.POLICY_VIOLATION.code;
    const hint = e.code === CLOSE_CODES.TRY_AGAIN_LATER.code ? TRY_LATER_MS : 0;
    const error = new HeraldError(fatal ? 'forbidden' : 'closed', `WebSocket closed (${e.code}${e.reason ? ' ' + e.reason : ''})`);
    error.closeCode = e.code;
    if (e.code === CLOSE_CODES.SLOW_CONSUMER.code) error.immediate = true;
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
        this.ws.close(CLOSE_CODES.NORMAL.code);
      } catch {
        // already closed
      }
    }
  }
}
