// The npm package's manifest (src/main/js/package/package.json) and version rule (build/version.mjs).
// The tarball itself is checked by pack.mjs (its file list) and installed by the bundler test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { npmVersion } from '../../main/js/build/version.mjs';

const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../main/js/package/package.json'), 'utf8'));

test('the npm version is the Maven version, made semver', () => {
  assert.equal(npmVersion('0.1.0-SNAPSHOT'), '0.1.0-SNAPSHOT');
  assert.equal(npmVersion('0.1.0'), '0.1.0');
  assert.equal(npmVersion('1.2'), '1.2.0');
  assert.equal(npmVersion('1.2-SNAPSHOT'), '1.2.0-SNAPSHOT');
  assert.equal(npmVersion('2.0.0-rc.1'), '2.0.0-rc.1');
  for (const bad of ['1', '1.2.3.4', '01.2.3', '1.2.3_beta', 'LATEST', '1.2.3-']) {
    assert.throws(() => npmVersion(bad), /no npm \(semver\) equivalent/, bad);
  }
});

test('the manifest: ESM with types, a classic-script subpath, no dependencies, only what users need', () => {
  assert.equal(manifest.name, 'herald-client');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './herald.d.ts', import: './herald.js', default: './herald.js' });
  assert.equal(manifest.exports['./global'], './herald.global.js');
  assert.equal(manifest.types, './herald.d.ts');
  // Only the classic script has a side effect (it sets globalThis.Herald).
  assert.deepEqual(manifest.sideEffects, ['./herald.global.js']);
  assert.deepEqual(manifest.files.sort(), ['README.md', 'herald-worker.js', 'herald.d.ts', 'herald.global.js', 'herald.js']);
  assert.equal(manifest.exports['./worker'], './herald-worker.js');
  for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'scripts']) assert.equal(manifest[key], undefined, key);
  // Every target of the exports map is a file the package ships.
  const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  for (const t of targets) assert.ok(t === './package.json' || manifest.files.includes(t.slice(2)), t);
});
