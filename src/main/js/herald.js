/* herald.js — the Herald browser client. One API over WebSocket, SSE, long poll and short poll,
 * with fallback, background re-upgrade, reconnection with full-jitter backoff and exactly-once resume.
 * No dependencies: load it as an ES module from /herald.js, or as a classic script from
 * /herald.global.js (defines window.Herald). Types: /herald.d.ts. Docs: docs/client.md. */

// The entry module: what the client exports. The build bundles it into the one file the WAR
// serves (esbuild, see build/bundle.mjs); Node's tests import it as it is.
import { HeraldClient } from './client.js';
import { HeraldError } from './errors.js';
import { TRANSPORTS } from './transports/index.js';
import { SharedClient, canShare } from './shared.js';

export const VERSION = '0.1.0';

export { HeraldClient, HeraldError, SharedClient, TRANSPORTS };
export { TRANSPORT_IMPLS } from './transports/index.js';
export { backoffDelay } from './backoff.js';
export { parseCursor, CursorTracker } from './cursor.js';
export { SseParser } from './sse-parser.js';

/**
 * Connects to the Herald server at `base` (default: the page's origin). Nothing is opened until the
 * first subscription; publishing works at once. With `shared` the tabs of the origin share one
 * connection (a {@link SharedClient}) where the browser can (a SharedWorker, else BroadcastChannel
 * and Web Locks); elsewhere, and by default, the client opens its own.
 */
export function connect(base, options) {
  const o = base && typeof base === 'object' && !(base instanceof URL) ? base : options || {};
  if (o.shared && (typeof globalThis.SharedWorker === 'function' || canShare())) return base === o ? new SharedClient(o.base, o) : new SharedClient(base, o);
  return new HeraldClient(base, options);
}

export default { connect, HeraldClient, HeraldError, SharedClient, VERSION, TRANSPORTS };
