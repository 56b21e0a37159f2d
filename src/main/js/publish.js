import { fetchJson } from './http.js';
import { toWire } from './binary.js';
import { HeraldError } from './errors.js';

/**
 * Publishes over HTTP: `POST /api/publish`, resolving to the server's `{id}` once it stored the
 * message, rejecting with a HeraldError (the problem's code, `timeout` or `network`). Bytes go as
 * `$base64` data.
 */
export async function publishHttp(ctx, topic, data, event) {
  data = toWire(data);
  return fetchJson(ctx, 'api/publish', { body: event ? { topic, event, data } : { topic, data }, timeout: ctx.options.publishTimeout });
}

/**
 * Publishes waiting for the client to be back (`offlineQueue`): at most `max`, sent one at a time,
 * in order, each once. `client` says whether a publish now would find no way to the server
 * (`away()`), whether it has closed (`closed()`), and sends one (`send(topic, data, event)`).
 */
export class PublishQueue {
  constructor(max, client) {
    this.max = max;
    this.client = client;
    this.items = [];
  }

  get length() {
    return this.items.length;
  }

  add(topic, data, event) {
    if (this.items.length >= this.max) {
      return Promise.reject(new HeraldError('queue-full', `${this.max} publishes are already waiting for the connection`, { retryable: true }));
    }
    return new Promise((resolve, reject) => {
      this.items.push({ topic, data, event, resolve, reject });
      this.flush();
    });
  }

  /**
   * Sends the queued publishes while the client is back. Each is sent once and never again: when
   * the connection drops after sending but before the server's answer, its promise rejects with
   * `connection-lost` (it may or may not be stored; the server has no key to recognise a resent
   * publish, so resending could store it twice).
   */
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.items.length && !this.client.away() && !this.client.closed()) {
        const item = this.items.shift();
        try {
          item.resolve(await this.client.send(item.topic, item.data, item.event));
        } catch (e) {
          item.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The client closed: every waiting publish rejects with `closed`. */
  close() {
    for (const item of this.items.splice(0)) item.reject(new HeraldError('closed', 'the client closed before the publish was sent', { retryable: false }));
  }
}
