// Makes the npm package of herald.js (run by Maven in `package`, after bundle.mjs made the files):
// stages src/main/js/package (package.json, README.md) with the bundles and herald.d.ts in
// <target>/herald-package, then `npm pack`s it to <target>/herald-client-<version>.tgz.
// Usage: node src/main/js/build/pack.mjs <Maven version> <bundle folder> <target folder>.
// We never publish it: the tarball is what an app installs (docs/client.md).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { npmVersion } from './version.mjs';

const [mavenVersion, bundles, target] = process.argv.slice(2);
if (!mavenVersion || !bundles || !target) {
  console.error('usage: pack.mjs <Maven version> <bundle folder> <target folder>');
  process.exit(2);
}

const source = path.resolve(import.meta.dirname, '../package');
const stage = path.resolve(target, 'herald-package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const manifest = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));
manifest.version = npmVersion(mavenVersion);
writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(path.join(source, 'README.md'), path.join(stage, 'README.md'));
for (const f of ['herald.js', 'herald.global.js', 'herald-worker.js', 'herald.d.ts']) copyFileSync(path.join(bundles, f), path.join(stage, f));

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', path.resolve(target)], { cwd: stage, encoding: 'utf8' }),
);
// The tarball holds exactly `files` plus package.json: nothing else may slip in.
const expected = ['README.md', 'herald-worker.js', 'herald.d.ts', 'herald.global.js', 'herald.js', 'package.json'];
const got = packed.files.map((f) => f.path).sort();
if (JSON.stringify(got) !== JSON.stringify(expected)) {
  console.error(`pack: the tarball holds ${got.join(', ')}; expected ${expected.join(', ')}`);
  process.exit(1);
}
console.log(`pack: ${path.join(path.resolve(target), packed.filename)} (${packed.size} bytes, ${packed.unpackedSize} unpacked)`);
