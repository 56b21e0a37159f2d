// An app's code: `herald-client` resolved through the package's exports map (types included, so
// `tsc --noEmit` checks this file against the shipped herald.d.ts). The page reads the server,
// topic and transport from its query and records what it gets in `window.heraldTest`.
import { connect, type Message, type Status, type TransportName } from 'herald-client';

interface Say {
  text: string;
}

interface HeraldTest {
  status: Status;
  transport: TransportName | null;
  received: Pick<Message<Say>, 'id' | 'topic' | 'event' | 'data'>[];
  errors: string[];
}

const query = new URLSearchParams(location.search);
const state: HeraldTest = { status: 'idle', transport: null, received: [], errors: [] };
(window as unknown as { heraldTest: HeraldTest }).heraldTest = state;

const herald = connect(query.get('server') ?? '/', { transports: [(query.get('transport') ?? 'websocket') as TransportName] });
herald.on('status', ({ status }) => {
  state.status = status;
  state.transport = herald.transportName;
});
herald.on('error', (e) => state.errors.push(e.message));
herald.subscribe<Say>(query.get('topic') ?? 'test/bundler', ({ id, topic, event, data }) => {
  state.received.push({ id, topic, event, data });
  document.getElementById('log')!.textContent += `${topic} ${event} ${data.text}\n`;
});
