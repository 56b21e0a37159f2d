// Entry of herald-worker.js (built by build/bundle.mjs, served at /herald-worker.js and shipped in
// the npm package): the SharedWorker that holds one connection for every tab of an origin using
// one Herald base. It runs the leader's side of shared.js for good: tabs are followers on its
// ports; the first tab's `init` gives the options; a token function stays in the tabs, which the
// worker asks (`token-request`) whenever its connection needs a token.
import { SharedClient, TOKEN_FROM_TABS } from './shared.js';

const ports = new Set();
const waiting = new Map(); // token requests by ref
let refs = 0;
let host = null;

function broadcast(msg) {
  for (const p of ports) p.postMessage(msg);
}

/** A token from whichever tab answers first. */
function tokenFromTabs() {
  return new Promise((resolve, reject) => {
    const ref = ++refs;
    waiting.set(ref, resolve);
    broadcast({ type: 'token-request', tab: 'worker', ref });
    setTimeout(() => waiting.delete(ref) && reject(new Error('no tab gave a token in 10 s')), 10000);
  });
}

function start(init) {
  const options = { ...init.options, shared: false };
  if (options.token === TOKEN_FROM_TABS) options.token = tokenFromTabs;
  return new SharedClient(init.base, options, {
    worker: null,
    channel: () => ({ postMessage: broadcast, close() {} }),
    locks: { request: (name, o, fn) => Promise.resolve(fn()) }, // the worker always leads
  });
}

globalThis.onconnect = (e) => {
  const port = e.ports[0];
  ports.add(port);
  port.onmessage = ({ data: msg }) => {
    if (!msg) return;
    if (msg.type === 'init') {
      host ||= start(msg);
      return;
    }
    if (msg.type === 'token') {
      waiting.get(msg.ref)?.(msg.token);
      waiting.delete(msg.ref);
      return;
    }
    if (msg.type === 'bye') {
      ports.delete(port);
      port.close();
    }
    host?.receive(msg);
  };
};
