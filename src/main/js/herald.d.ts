// Type declarations for herald.js (served at /herald.d.ts; the `types` of the npm package
// herald-client). See docs/client.md. The build checks them against herald.js: src/test/types
// (tsc over a usage file, and a test that the declared and the real exports, options, events and
// members are the same), so a change to one without the other fails `mvn verify`.

export declare const VERSION: string;

export type TransportName = 'websocket' | 'sse' | 'longpoll' | 'poll';

/** Transport names, best first. */
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

/** The `WebSocket` constructor herald.js uses (the browser's, or `options.WebSocket`). */
export type WebSocketConstructor = new (url: string | URL, protocols?: string | string[]) => WebSocket;

/** What the client gives a transport: where to connect, how to authenticate, what to ask for. */
export interface TransportContext {
  /** The server's base URL (always ends with `/`). */
  readonly base: URL;
  /** The client's options, defaults applied. */
  readonly options: Readonly<Options>;
  /** The current token (calls `options.token` when it is a function). */
  token(): Promise<string | null>;
  fetch: typeof fetch;
  WebSocket: WebSocketConstructor;
  /** The topics the client wants now. */
  topics(): Iterable<string>;
  /** The client's cursor: the last message id delivered. */
  cursor(): string | null;
}

/** How a transport reports to the client. `closed` is called once, when it fails. */
export interface TransportSink {
  opened(): void;
  subscribed(cursor: string): void;
  message(message: Message): void;
  gap(topics: string[]): void;
  closed(why: { error: Error; hint: number; fatal: boolean; opened: boolean }): void;
}

/** One transport connection, as the client drives it (see `transports/transport.js`). */
export interface Transport {
  name?: string;
  readonly isOpen: boolean;
  sink: TransportSink;
  /** Starts once with the topics and where to resume (a cursor, `'earliest'`, or null for live). */
  start(topics: string[], since: string | null): void | Promise<void>;
  /** Topics changed while running. */
  retopic(added: string[], removed: string[], cursor: string | null): void;
  fail(error: Error, hint?: number, fatal?: boolean): void;
  close(): void;
}

export type TransportConstructor = new (ctx: TransportContext, sink: TransportSink) => Transport;

/** The built-in transports by name. */
export declare const TRANSPORT_IMPLS: Readonly<Record<TransportName, TransportConstructor>>;

export interface Options {
  /** Transports in preferred order. Default: all four, best first. */
  transports?: readonly TransportName[];
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
  /** The `fetch` to use (default: `globalThis.fetch`): for tests, or a runtime without one. */
  fetch?: typeof fetch;
  /** The `WebSocket` constructor to use (default: `globalThis.WebSocket`). */
  WebSocket?: WebSocketConstructor;
  /** Transports to use instead of the built-in ones, by name (see {@link TRANSPORT_IMPLS}). */
  transportImpls?: Partial<Record<TransportName, TransportConstructor>>;
}

/** An error from Herald or the server. */
export declare class HeraldError extends Error {
  constructor(code: string, message?: string, status?: number);
  /** The server's problem code (`bad-topic`, `forbidden`, `rejected`...) or a client one (`timeout`, `network`, `connection-lost`, `dead`, `closed`). */
  code: string;
  /** HTTP status, when the error came from an HTTP answer. */
  status?: number;
  /** The WebSocket close code, when the error is a WebSocket closing. */
  closeCode?: number;
}

/** A subscription to one or more topics, returned by {@link HeraldClient.subscribe}. */
export interface Subscription {
  readonly topics: readonly string[];
  /** False once unsubscribed. */
  readonly active: boolean;
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
  status: { status: Status; transport?: TransportName; delay?: number; attempt?: number; error?: Error };
  message: Message;
  error: Error;
}

export declare class HeraldClient {
  /** Same as {@link connect}. */
  constructor(base?: string | URL, options?: Options);
  /** The server's base URL, resolved against the page (always ends with `/`). */
  readonly base: URL;
  readonly status: Status;
  /** The transport in use (or being tried). */
  readonly transport: TransportName | null;
  /** The transport whose stream is current, or null while none is. */
  readonly transportName: TransportName | null;
  /** The last message id delivered: save it to resume later with `since`. */
  readonly cursor: string | null;
  subscribe<T = unknown>(topics: string | readonly string[], handler?: (message: Message<T>) => void): Subscription;
  publish(topic: string, data: unknown, event?: string): Promise<{ id: string }>;
  /** Listens to an event; returns a function that removes the listener. */
  on<K extends keyof ClientEvents>(name: K, fn: (value: ClientEvents[K]) => void): () => void;
  off<K extends keyof ClientEvents>(name: K, fn: (value: ClientEvents[K]) => void): void;
  /** Pin one transport (no fallback, no upgrade), or `null` for the automatic ladder. */
  use(transport: TransportName | null): void;
  close(): void;
}

/**
 * Connects to the Herald server at `base` (default: the page's origin). Nothing is opened until the
 * first subscription; publishing works at once.
 */
export declare function connect(base?: string | URL, options?: Options): HeraldClient;

/** The reconnect delay for `attempt` (full jitter), never below the server's `hint`. */
export declare function backoffDelay(
  attempt: number,
  backoff: { base: number; cap: number },
  hint?: number,
  random?: () => number,
): number;

/** Parses a cursor `<epoch>-<seq>`; null for anything else. */
export declare function parseCursor(text: unknown): { epoch: string; seq: number } | null;

/** The one cursor of a client, across every transport and reconnection. */
export declare class CursorTracker {
  constructor(initial?: string | null);
  cursor: string | null;
  /** Whether the message with this id is new; if so the cursor moves to it. */
  accept(id: string): boolean;
  /** A position the server vouches for on the stream being read; never moves back within one history. */
  advance(position: string): void;
}

/** Incremental `text/event-stream` parser (the WHATWG algorithm). */
export declare class SseParser {
  constructor(handlers: {
    onEvent: (event: { event: string; data: string; id: string | undefined }) => void;
    onRetry?: (ms: number) => void;
    onComment?: (text: string) => void;
  });
  /** Feeds a chunk of text; calls the handlers for every complete event, retry and comment. */
  feed(chunk: string): void;
}

declare const Herald: {
  connect: typeof connect;
  HeraldClient: typeof HeraldClient;
  HeraldError: typeof HeraldError;
  SharedClient: typeof SharedClient;
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

// ---- Added by the w4j branch (binary data, request/response, the herald.v1 subprotocol). ----

/** Bytes herald.js can send: published as a binary WebSocket frame (herald.v1) or as `{"$base64"}` data. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView | Blob;

/** Binary data as it is on the wire, and as the app gets it with `decodeBinary: false`. */
export interface Base64Data {
  $base64: string;
}

export interface Options {
  /**
   * `true` (default): `{"$base64": …}` data (and binary WebSocket frames) reach the app as a
   * `Uint8Array`, in messages, history and request replies. `false`: as the `{"$base64"}` envelope.
   */
  decodeBinary?: boolean;
}

/** What {@link HeraldClient.request} takes. */
export interface RequestOptions {
  /** Milliseconds the server waits for the application's reply: a whole number 1-30000 (default 5000). */
  timeout?: number;
}

export interface HeraldClient {
  /** Publishes bytes as well as JSON: a binary frame over a herald.v1 WebSocket, else `{"$base64"}` data. */
  publish(topic: string, data: Bytes | unknown, event?: string): Promise<{ id: string }>;
  /**
   * Asks the application on the server (its `ClientRequest` observer) and resolves to its reply's
   * data. Rejects with a HeraldError: `request-timeout` (504), `no-responder` (501), the
   * application's code (422), `forbidden`, `too-many-requests`, `connection-lost`, `timeout`, …
   */
  request<R = unknown>(topic: string, data: Bytes | unknown, options?: RequestOptions): Promise<R>;
}

// ---- Added by the w3d branch (one connection per browser, history). ----

export interface Options {
  /**
   * `true`: the tabs of this origin that use the same `base` share one connection, held by a
   * SharedWorker (`herald-worker.js`) where there is one, else by a leader tab elected over Web Locks
   * (the others follow over a BroadcastChannel); `'worker'` or `'tabs'` asks for one of the two
   * (`'worker'` still falls back to the tabs where it cannot be used). Where the browser lacks
   * both, the client opens its own. Default `false`.
   */
  shared?: boolean | 'worker' | 'tabs';
  /** Where the shared worker script is (same origin as the page). Default: `herald-worker.js` under `base`. */
  workerUrl?: string | URL;
}

/** What {@link HeraldClient.history} reads. */
export interface HistoryOptions {
  /** Start after this cursor (a page's `next`). Default: the oldest retained (the newest with `reverse`). */
  since?: string | null;
  /** At most this many messages (the server's default 100). */
  limit?: number;
  /** Newest first. Default `false`. */
  reverse?: boolean;
}

/** One page of history. */
export interface HistoryPage<T = unknown> {
  messages: Message<T>[];
  /** Pass as `since` (with the same `reverse`) for the next page; null when there is no more. */
  next: string | null;
  /** Topics whose history after `since` is incomplete (forward reads). */
  gap: string[];
  /** Whether there is a next page. */
  more: boolean;
  /** Reads the next page (same `limit` and `reverse`); null when there is none. */
  nextPage(): Promise<HistoryPage<T> | null>;
}

export interface HeraldClient {
  /** One page of a topic's (or topics') retained history; does not subscribe. */
  history<T = unknown>(topic: string | readonly string[], options?: HistoryOptions): Promise<HistoryPage<T>>;
}

/** A client sharing one connection with the other tabs of the origin (`connect(base, {shared: true})`). */
export interface SharedClient extends HeraldClient {
  /** `'leader'` when this tab holds the shared connection, `'follower'` when another does, `'pending'` before it knows. */
  readonly role: 'pending' | 'leader' | 'follower';
  /** `'worker'`: a SharedWorker holds the connection (every tab follows); `'tabs'`: a leader tab does. */
  readonly mode: 'worker' | 'tabs';
}

/** What `connect(base, {shared: true})` makes where the browser can share (BroadcastChannel and Web Locks). */
export declare const SharedClient: new (base?: string | URL, options?: Options) => SharedClient;

// ---- Added by the w4p branch (presence, join and leave events). ----

export interface Options {
  /**
   * `true`: every topic subscribed over WebSocket or SSE asks for its join and leave events
   * (`join`/`leave` on the client and on the subscriptions holding the topic). Polls get none.
   * Default `false`.
   */
  presence?: boolean;
}

/** Who holds a topic now, as {@link HeraldClient.presence} answers. */
export interface Presence {
  /** Subscriptions holding the topic (cluster-wide with the Redis store). */
  count: number;
  /** Their distinct subjects, sorted; only on topics the server names members of to this caller. */
  members?: string[];
}

/** A join or leave on a topic (with `presence: true`). */
export interface PresenceEvent {
  topic: string;
  /** The topic's count when the event was sent. */
  count: number;
  /** Who joined or left; absent when anonymous or when the topic does not name members. */
  member?: string;
}

export interface ClientEvents {
  join: PresenceEvent;
  leave: PresenceEvent;
}

export interface SubscriptionEvents {
  join: PresenceEvent;
  leave: PresenceEvent;
}

export interface HeraldClient {
  /** Who holds `topic` now: over the open WebSocket when there is one, else `GET /api/presence`. */
  presence(topic: string): Promise<Presence>;
}

export interface TransportSink {
  /** A `join` or `leave` event from the server (only when the client asked with `presence: true`). */
  presence?(kind: 'join' | 'leave', event: PresenceEvent): void;
}
