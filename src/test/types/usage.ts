// Exercises the whole documented API of herald.js through its declarations, as an app would, so
// tsc fails when herald.d.ts loses or changes something the docs promise. Lines marked
// with the expect-error directive must NOT compile: they prove the types reject what herald.js rejects.
import Herald, {
  CursorTracker,
  HeraldClient,
  HeraldError,
  SseParser,
  TRANSPORTS,
  TRANSPORT_IMPLS,
  VERSION,
  backoffDelay,
  connect,
  parseCursor,
} from 'herald-client';
import type {
  ClientEvents,
  HistoryOptions,
  HistoryPage,
  SharedClient,
  Message,
  Options,
  Presence,
  PresenceEvent,
  Status,
  Subscription,
  Transport,
  TransportConstructor,
  TransportContext,
  TransportName,
  TransportSink,
} from 'herald-client';

interface Tick {
  price: number;
}

const options: Options = {
  transports: ['websocket', 'sse', 'longpoll', 'poll'],
  token: async () => 'jwt',
  connectTimeout: 3000,
  heartbeat: { interval: 25000, timeout: 10000 },
  backoff: { base: 500, cap: 20000 },
  upgrade: { delay: 10000, cap: 120000 },
  longPollTimeout: 25,
  pollInterval: 2000,
  publishTimeout: 10000,
  since: 'earliest',
  fetch: (input, init) => fetch(input, init),
  WebSocket,
  transportImpls: { sse: TRANSPORT_IMPLS.sse },
};
const tokens: Options[] = [{ token: 'jwt' }, { token: null }, { token: () => null }, { token: () => Promise.resolve('t') }];
// @ts-expect-error: an unknown transport
const badTransport: Options = { transports: ['carrier-pigeon'] };
// @ts-expect-error: a token is a string or a function
const badToken: Options = { token: 42 };
// @ts-expect-error: no such option
const badOption: Options = { reconnect: false };

const herald: HeraldClient = connect('https://push.example.com/', options);
const viaClass = new HeraldClient(new URL('https://push.example.com/'), { transports: ['sse'] });
const viaDefault = Herald.connect();
const atPage = connect();

const status: Status = herald.status;
const transport: TransportName | null = herald.transport;
const transportName: TransportName | null = herald.transportName;
const cursor: string | null = herald.cursor;
const base: URL = herald.base;
// @ts-expect-error: status is read-only
herald.status = 'open';

const prices: Subscription = herald.subscribe<Tick>(['prices/EUR', 'prices/USD'], (m) => {
  const price: number = m.data.price;
  const fields: [string, string, string, string] = [m.id, m.topic, m.event, m.time];
  return [price, fields];
});
const handler = (data: Tick, message: Message<Tick>) => data.price + message.data.price;
prices.on<Tick>('tick', handler).off('tick', handler);
const topics: readonly string[] = prices.topics;
const active: boolean = prices.active;
prices.unsubscribe();
herald.subscribe('chat/lobby');
// @ts-expect-error: topics are strings
herald.subscribe(42);

async function publish(): Promise<string> {
  const { id } = await herald.publish('chat/lobby', { text: 'hi' }, 'say');
  await herald.publish('chat/lobby', 'plain');
  try {
    await herald.publish('chat/lobby', null);
  } catch (e) {
    if (e instanceof HeraldError) {
      const fields: [string, number | undefined, number | undefined] = [e.code, e.status, e.closeCode];
      return fields.join();
    }
  }
  return id;
}

const off: () => void = herald.on('open', ({ transport }) => transport satisfies TransportName);
off();
herald.on('reconnecting', ({ delay, attempt, error }) => [delay, attempt, error?.message]);
herald.on('gap', ({ topics, cursor }) => [topics.length, cursor]);
herald.on('upgrade', ({ from, to }) => [from, to]);
herald.on('fallback', ({ from, to, error }) => [from, to, error.message]);
herald.on('status', (s) => [s.status, s.transport, s.delay, s.attempt, s.error]);
herald.on('message', (m: Message) => m.id);
herald.on('error', (e: Error) => e.message);
for (const name of ['connecting', 'offline', 'idle', 'closed'] as const) herald.on(name, (v: {}) => v);
const onError = (e: Error) => e.message;
herald.off('error', onError);
// @ts-expect-error: no such event
herald.on('disconnected', () => {});
// @ts-expect-error: `open` carries {transport}, not a message
herald.on('open', (m: Message) => m.id);
const events: (keyof ClientEvents)[] = ['open'];

herald.use('longpoll');
herald.use(null);
// @ts-expect-error: an unknown transport
herald.use('carrier-pigeon');
herald.close();

const version: string = VERSION;
const names: readonly TransportName[] = TRANSPORTS;
const sameNames: readonly TransportName[] = Herald.TRANSPORTS;
const defaults: [string, typeof HeraldClient, typeof HeraldError] = [Herald.VERSION, Herald.HeraldClient, Herald.HeraldError];
const error = new HeraldError('timeout', 'no answer', 504);
const delay: number = backoffDelay(3, { base: 500, cap: 20000 }, 1000, Math.random);
const parsed: { epoch: string; seq: number } | null = parseCursor('abc-12');
const tracker = new CursorTracker('abc-12');
const isNew: boolean = tracker.accept('abc-13');
tracker.advance('abc-14');
const parser = new SseParser({ onEvent: ({ event, data, id }) => [event, data, id], onComment: (text) => text });
parser.feed('data: x\n\n');

/** A custom transport, as a test injects one through `transportImpls`. */
class Scripted implements Transport {
  name = 'websocket';
  isOpen = false;
  constructor(
    readonly ctx: TransportContext,
    public sink: TransportSink,
  ) {}
  async start(topics: string[], since: string | null): Promise<void> {
    const token: string | null = await this.ctx.token();
    const url = new URL('api/ws', this.ctx.base);
    const ws = new this.ctx.WebSocket(url);
    await this.ctx.fetch(url, { headers: { authorization: `Bearer ${token}` } });
    this.isOpen = true;
    this.sink.opened();
    this.sink.subscribed(since ?? this.ctx.cursor() ?? '');
    this.sink.message({ id: 'a-1', topic: topics[0] ?? '', event: 'message', data: [...this.ctx.topics()], time: '' });
    this.sink.gap(topics);
    ws.close();
  }
  retopic(added: string[], removed: string[], cursor: string | null): void {
    void [added, removed, cursor, this.ctx.options.pollInterval];
  }
  fail(error: Error, hint = 0, fatal = false): void {
    this.sink.closed({ error, hint, fatal, opened: this.isOpen });
  }
  close(): void {}
}
const impl: TransportConstructor = Scripted;
const scripted = connect('/', { transportImpls: { websocket: Scripted, sse: impl } });

// One connection per browser, and history pages.
const sharedClient = connect({ base: '/', shared: true });
const sharedRole: 'pending' | 'leader' | 'follower' | undefined = (sharedClient as Partial<SharedClient>).role;
async function readHistory(): Promise<number> {
  const page: HistoryPage<Tick> = await herald.history<Tick>('prices/ACME', { limit: 50, reverse: true });
  const prices = page.messages.map((m) => m.data.price);
  const next: HistoryPage<Tick> | null = page.more ? await page.nextPage() : null;
  const opts: HistoryOptions = { since: page.next, reverse: false };
  await herald.history(['a', 'b'], opts);
  // @ts-expect-error reverse is a boolean
  await herald.history('a', { reverse: 'yes' });
  return prices.length + (next?.messages.length ?? 0) + page.gap.length;
}

// Presence and join/leave events.
const withPresence = connect({ base: '/', presence: true });
async function whoIsThere(): Promise<number> {
  const p: Presence = await withPresence.presence('rooms/a');
  const names: string[] = p.members ?? [];
  // @ts-expect-error presence takes one topic
  await withPresence.presence(['a', 'b']);
  return p.count + names.length;
}
const offJoin = withPresence.on('join', (e: PresenceEvent) => e.member?.length ?? e.count);
withPresence.subscribe('rooms/a').on('leave', (e) => e.count + e.topic.length);

export const used = [
  withPresence, whoIsThere, offJoin,
  sharedClient, sharedRole, readHistory,
  tokens, badTransport, badToken, badOption, viaClass, viaDefault, atPage, status, transport, transportName, cursor,
  base, topics, active, publish, events, version, names, sameNames, defaults, error, delay, parsed, isNew, scripted,
];

// Binary data and request/response (kept apart from the imports above: types by import()).
type RequestOptions = import('herald-client').RequestOptions;
type Base64Data = import('herald-client').Base64Data;
async function binaryAndRequests(): Promise<number> {
  await herald.publish('files/x', new Uint8Array([1, 2, 3]), 'upload');
  await herald.publish('files/x', new ArrayBuffer(8));
  await herald.publish('files/x', new Blob(['x']));
  const raw = connect('/', { decodeBinary: false });
  const envelope: Base64Data = { $base64: 'AQID' };
  const quote: number = await herald.request<number>('quotes/ask', { symbol: 'ACME' }, { timeout: 2000 });
  const bytes = await herald.request<Uint8Array>('files/get', new Uint8Array([1]));
  const opts: RequestOptions = { timeout: 500 };
  await herald.request('a', 1, opts);
  // @ts-expect-error timeout is a number of milliseconds
  await herald.request('a', 1, { timeout: '2s' });
  // @ts-expect-error decodeBinary is a boolean
  connect('/', { decodeBinary: 'yes' });
  raw.close();
  return quote + bytes.length + envelope.$base64.length;
}
export const usedW4j = [binaryAndRequests];
