// The npm package as an app uses it: copies the Vite app in ./app to target/bundler-project,
// installs its tools (npm ci) and the tarball Herald's build made (target/herald-client-<v>.tgz),
// type-checks it against the shipped types, builds it with Vite, serves the built pages from their
// own origin and runs them in Chromium against a real Herald: an exact published message arrives.
// Run by io.herald.browser.BundlerIT after `mvn package`; alone: node --test src/test/bundler/bundler.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { Server } from '../browser/server.mjs';
import { launch } from '../browser/browser.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const project = path.join(root, 'target/bundler-project');
const port = Number(process.env.HERALD_TEST_PORT || 18181);
let server;
let pages;
let browser;

/** Runs a command in the app's folder; fails with its output. */
function run(command, args, what) {
  return new Promise((resolve, reject) => {
    const p = spawn(command, args, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${what} failed (${command} ${args.join(' ')} → ${code}):\n${out}`))));
  });
}

/** The tarball of this build: its name and version are the staged manifest's (pack.mjs). */
function tarball() {
  const staged = path.join(root, 'target/herald-package/package.json');
  if (!existsSync(staged)) throw new Error('no target/herald-package: run `mvn package` first (it makes the npm package)');
  const { name, version } = JSON.parse(readFileSync(staged, 'utf8'));
  const file = path.join(root, `target/${name}-${version}.tgz`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`mvn package\` first`);
  return file;
}

/** Installs and builds the app: what a user of the package does. */
async function buildApp() {
  const tgz = tarball();
  rmSync(project, { recursive: true, force: true });
  cpSync(path.join(import.meta.dirname, 'app'), project, { recursive: true, filter: (f) => !/node_modules|dist/.test(path.relative(import.meta.dirname, f)) });
  const npm = ['--no-audit', '--no-fund', '--loglevel=error'];
  await run('npm', ['ci', ...npm], 'npm ci (vite, typescript)');
  // --no-save: the lock pins the tools; the tarball changes with every build of herald.js.
  await run('npm', ['install', '--no-save', ...npm, tgz], `npm install ${path.basename(tgz)}`);
  await run('node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], 'tsc against the package types');
  await run('node', ['node_modules/vite/bin/vite.js', 'build'], 'vite build');
}

/** Serves the built app (dist/) on its own origin, as an app's web server would. */
function serveDist() {
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const http = createServer((req, res) => {
    const file = path.join(project, 'dist', new URL(req.url, 'http://x').pathname);
    if (!file.startsWith(path.join(project, 'dist')) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => http.listen(0, 'localhost', () => resolve(http)));
}

before(async () => {
  pages = await serveDist();
  const origin = `http://localhost:${pages.address().port}`;
  // The pages are on another origin than Herald: Herald lets that one in (docs/security.md).
  server = new Server(port, { HERALD_SECURITY_ALLOWED_ORIGINS: origin });
  pages.origin = origin;
  [browser] = await Promise.all([launch(), server.start(), buildApp()]);
});

after(async () => {
  await browser?.close();
  await server?.kill();
  pages?.close();
});

/** Opens a built page, waits until it is subscribed, publishes, and returns what the page got. */
async function roundTrip(page, transport, topic) {
  const context = await browser.newContext();
  try {
    const p = await context.newPage();
    const failures = [];
    p.on('pageerror', (e) => failures.push(String(e)));
    await p.goto(`${pages.origin}/${page}?server=${encodeURIComponent(server.base + '/')}&topic=${encodeURIComponent(topic)}&transport=${transport}`);
    const state = () => p.evaluate(() => window.heraldTest);
    const until = async (fn, what) => {
      const deadline = Date.now() + 20_000;
      for (let s; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        s = await state();
        if (s && fn(s)) return s;
      }
      throw new Error(`${page}: timed out waiting for ${what}: ${JSON.stringify(await state())} page errors: ${failures.join('; ')}`);
    };
    await until((s) => s.status === 'open', 'open');
    const [id] = await server.publish(topic, [{ text: `hello over ${transport}` }], 'say');
    const s = await until((s) => s.received.length >= 1, 'the message');
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would show up here
    return { ...(await state()), id, failures, transportSeen: s.transport };
  } finally {
    await context.close();
  }
}

test('an app bundled by Vite from the npm package receives a published message (ES module, WebSocket)', async () => {
  const topic = 'test/bundler/esm';
  const s = await roundTrip('index.html', 'websocket', topic);
  assert.deepEqual(s.received, [{ id: s.id, topic, event: 'say', data: { text: 'hello over websocket' } }]);
  assert.equal(s.transportSeen, 'websocket');
  assert.deepEqual([s.errors, s.failures], [[], []]);
});

test('the classic script through herald-client/global works in a bundled app too (SSE)', async () => {
  const topic = 'test/bundler/classic';
  const s = await roundTrip('classic.html', 'sse', topic);
  assert.deepEqual(s.received, [{ id: s.id, topic, event: 'say', data: { text: 'hello over sse' } }]);
  assert.equal(s.transportSeen, 'sse');
  assert.deepEqual([s.errors, s.failures], [[], []]);
});

test('the ES module bundle leaves the classic script out (the package marks only that one as a side effect)', () => {
  const html = readFileSync(path.join(project, 'dist/index.html'), 'utf8');
  const [, main] = /src="\/(assets\/main-[^"]+\.js)"/.exec(html) ?? [];
  assert.ok(main, 'index.html loads its bundle');
  const code = readFileSync(path.join(project, 'dist', main), 'utf8');
  assert.ok(!code.includes('globalThis.Herald'), 'no globalThis.Herald in the ES module app');
  const classic = readFileSync(path.join(project, 'dist/classic.html'), 'utf8');
  const [, entry] = /src="\/(assets\/classic-[^"]+\.js)"/.exec(classic) ?? [];
  assert.match(readFileSync(path.join(project, 'dist', entry), 'utf8'), /globalThis\.Herald\s*=/);
});
