// The classic script as a bundled app loads it: the subpath `herald-client/global` defines
// `globalThis.Herald` (the package declares it its one side effect, so Vite must keep it).
import 'herald-client/global';

const query = new URLSearchParams(location.search);
const state = { status: 'idle', transport: null, received: [], errors: [] };
window.heraldTest = state;

const herald = window.Herald.connect(query.get('server'), { transports: [query.get('transport')] });
herald.on('status', ({ status }) => {
  state.status = status;
  state.transport = herald.transportName;
});
herald.on('error', (e) => state.errors.push(e.message));
herald.subscribe(query.get('topic'), ({ id, topic, event, data }) => {
  state.received.push({ id, topic, event, data });
  document.getElementById('log').textContent += `${topic} ${event} ${data.text}\n`;
});
