// Bundles the client's ES modules into the files the WAR serves (run by Maven before packaging):
// herald.js (ES module), herald.global.js (classic script: window.Herald), herald-worker.js (the
// shared connection's SharedWorker, a classic worker script) and herald.d.ts.
// Usage: node src/main/js/build/bundle.mjs <output folder>. Installs the npm packages (npm ci) when
// node_modules is missing or older than package-lock.json.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');
const src = path.join(root, 'src/main/js');
const out = path.resolve(process.argv[2] || path.join(root, 'target/herald'));

const installed = path.join(root, 'node_modules/.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(path.join(root, 'node_modules/esbuild/package.json')) || !existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.log('bundle: npm ci');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0) process.exit(npm.status ?? 1);
}

const { build } = await import('esbuild');
mkdirSync(out, { recursive: true });
// Not minified: the served file stays readable. Comments are dropped (see the sources for them).
const banner = {
  js: '/*! herald.js — the Herald browser client. Built from src/main/js by esbuild; docs: docs/client.md. */',
};
const common = { bundle: true, banner, charset: 'utf8', legalComments: 'none', logLevel: 'warning', target: 'es2022' };
await build({ ...common, entryPoints: [path.join(src, 'herald.js')], format: 'esm', outfile: path.join(out, 'herald.js') });
await build({ ...common, entryPoints: [path.join(src, 'classic.js')], format: 'iife', outfile: path.join(out, 'herald.global.js') });
await build({ ...common, entryPoints: [path.join(src, 'worker.js')], format: 'iife', outfile: path.join(out, 'herald-worker.js') });
copyFileSync(path.join(src, 'herald.d.ts'), path.join(out, 'herald.d.ts'));
