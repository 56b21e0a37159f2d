// Entry of the classic-script build (/herald.global.js): the module's default export becomes
// `globalThis.Herald`, exactly as in the ES module.
import herald from './herald.js';

globalThis.Herald = herald;
