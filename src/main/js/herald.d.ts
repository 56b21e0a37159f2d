// Type declarations for herald.js (served at /herald.d.ts). See docs/client.md.

export declare const VERSION: string;

export type TransportName = 'websocket' | 'sse' | 'longpoll' | 'poll';

export declare const TRANSPORTS: readonly TransportName[];

/** A message as every transport delivers it. */
export interface Message<T = unknown> {
  /** The message's cursor `<epoch>-<seq>`: opaque, totally ordered within one server history. */
  id: string;
  topic: string;
  event: string;
  data: T;
  /** ISO-8601 time the server stored it. */
  time: string;
}

export interface Options {
  /** Transports in preferred order. Default: all four, best first. */
  transports?: TransportName[];
  /** A bearer token, or a function returning one (called before each connection and publish). */
  token?: string | null | (() => string | null | Promise<string | null>);
  /** How long one transport may take to open before the next is tried (ms, default 5000). */
  connectTimeout?: number;
  /** Ping after `interval` ms of silence; declare the connection dead `timeout` ms later. */
  heartbeat?: { interval?: number; timeout?: number };
  /** Reconnect delay: uniform in [0, min(cap, base * 2^attempt)] ms (full jitter). */
  backoff?: { base?: number; cap?: number };
  /** After a fallback, probe better transports after ~`delay` ms (jittered, doubling up to `cap`). */
  upgrade?: { delay?: number; cap?: number };
  /** Seconds a long poll waits on the server (0-60, default 25). */
  longPollTimeout?: number;
  /** Milliseconds between short polls (default 2000). */
  pollInterval?: number;
  /** Milliseconds to wait for a publish's acknowledgement (default 10000). */
  publishTimeout?: number;
  /** Resume from this cursor (e.g. saved from a previous page), or `'earliest'`. Default: live. */
  since?: string | null;
}

export declare class HeraldError extends Error {
  /** The server's problem code (`bad-topic`, `forbidden`, `rejected`...) or a client one (`timeout`, `network`, `connection-lost`, `dead`, `closed`). */
  code: string;
  /** HTTP status, when the error came from an HTTP answer. */
  status?: number;
}

export interface Subscription {
  readonly topics: readonly string[];
  /** Handler for messages of one event name: `fn(data, message)`. */
  on<T = unknown>(event: string, fn: (data: T, message: Message<T>) => void): this;
  off(event: string, fn: (...args: any[]) => void): this;
  unsubscribe(): void;
}

export type Status = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed';

export interface ClientEvents {
  connecting: {};
  open: { transport: TransportName };
  reconnecting: { delay: number; attempt: number; error?: Error };
  offline: {};
  idle: {};
  closed: {};
  /** The server could not replay everything since the cursor for these topics. */
  gap: { topics: string[]; cursor: string | null };
  /** Moved to a better transport in place. */
  upgrade: { from: TransportName; to: TransportName };
  /** A transport failed before opening; the next one is being tried. */
  fallback: { from: TransportName; to: TransportName; error: Error };
  status: { status: Status; transport?: TransportName; delay?: number; attempt?: number };
  message: Message;
  error: Error;
}

export declare class HeraldClient {
  readonly status: Status;
  /** The transport in use (or being tried). */
  readonly transport: TransportName | null;
  /** The last message id delivered: save it to resume later with `since`. */
  readonly cursor: string | null;
  subscribe<T = unknown>(topics: string | string[], handler?: (message: Message<T>) => void): Subscription;
  publish(topic: string, data: unknown, event?: string): Promise<{ id: string }>;
  on<K extends keyof ClientEvents>(name: K, fn: (value: ClientEvents[K]) => void): () => void;
  off<K extends keyof ClientEvents>(name: K, fn: (value: ClientEvents[K]) => void): void;
  /** Pin one transport (no fallback, no upgrade), or `null` for the automatic ladder. */
  use(transport: TransportName | null): void;
  close(): void;
}

export declare function connect(base?: string, options?: Options): HeraldClient;

export declare function backoffDelay(
  attempt: number,
  backoff: { base: number; cap: number },
  hint?: number,
  random?: () => number,
): number;

declare const Herald: {
  connect: typeof connect;
  HeraldClient: typeof HeraldClient;
  HeraldError: typeof HeraldError;
  VERSION: string;
  TRANSPORTS: readonly TransportName[];
};
export default Herald;

// ---- Added by the jsauth branch (auth that lasts, tickets, typed errors, per-subscription
// lifecycle, base URL, offline publishes). Declaration merging keeps this hunk apart from the
// declarations above; the lead folds it in. ----

export interface Options {
  /** The server's root URL, absolute or relative to the page's origin (default: the origin). */
  base?: string;
  /** `'ticket'`: before each WebSocket/SSE connect, trade the token (or session cookie) for a single-use ticket at POST /api/ticket and put only `?ticket=` in the URL. Default `'token'`. */
  auth?: 'token' | 'ticket';
  /** Passed to every fetch (polls, SSE, publish, ticket): `'include'` sends session cookies across origins. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Publishes made while the client is away (offline, reconnecting, connecting) wait in a queue of this size and are sent once it is back, in order, each once. Default 0 (off). */
  offlineQueue?: number;
}

export interface HeraldError {
  /** The WebSocket close code the error came with. */
  closeCode?: number;
  /** The topic it concerns: a refused subscription. */
  topic?: string;
  /** Whether trying again can succeed (the client does so by itself for connections). */
  retryable: boolean;
}

export interface SubscriptionEvents {
  /** The server confirmed all the subscription's topics on a new connection. */
  subscribed: { topics: readonly string[]; cursor: string | null; transport: TransportName };
  /** The part of a gap that concerns this subscription. */
  gap: { topics: string[]; cursor: string | null };
  /** A topic was refused (`error.topic`) or the client closed for good: the subscription has ended. */
  error: HeraldError;
}

export interface Subscription {
  /** False once unsubscribed or failed. */
  readonly active: boolean;
  on<K extends keyof SubscriptionEvents>(event: K, fn: (value: SubscriptionEvents[K]) => void): this;
  off<K extends keyof SubscriptionEvents>(event: K, fn: (value: SubscriptionEvents[K]) => void): this;
}

export declare function connect(options: Options): HeraldClient;
