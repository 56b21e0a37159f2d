// Starts and stops a Payara Micro running the built WAR, for the browser tests.
import { spawn } from 'node:child_process';
import { openSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { FULL, ISSUER, PUBLIC_KEY } from './tokens.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const jar = process.env.HERALD_PAYARA_JAR || path.join(root, 'target/payara/payara-micro.jar');
const war = process.env.HERALD_WAR || path.join(root, 'target/ROOT.war');

export class Server {
  /** `deployed`: the WAR to run (default HERALD_WAR, else target/ROOT.war). */
  constructor(port, env = {}, deployed = war) {
    this.port = port;
    this.war = deployed;
    this.env = env;
    this.base = `http://localhost:${port}`;
    this.starts = 0;
  }

  async start() {
    mkdirSync(path.join(root, 'target'), { recursive: true });
    const log = openSync(path.join(root, `target/browser-payara-${this.starts++}.log`), 'w');
    this.proc = spawn(
      'java',
      [
        '-XX:TieredStopAtLevel=1',
        // Security is on (docs/security.md): as under bin/run the demo topics are public and browsers
        // may chat; these tests' own topics (test/**) are declared public too, everything else is private.
        '-Dherald.security.public-topics=demo,demo/**,test/**',
        '-Dherald.security.public-publish=demo,demo/chat,test/**',
        // Tokens minted by tokens.mjs verify; with no clock skew a token of a few seconds expires
        // on time (the auth tests' live streams outlive several).
        `-Dmp.jwt.verify.publickey.location=${PUBLIC_KEY}`,
        `-Dmp.jwt.verify.issuer=${ISSUER}`,
        '-Dherald.security.clock-skew=PT0S',
        // stream() publishes a batch every 15 ms, past the default HTTP publish rate (20/s per address).
        '-Dherald.limits.http-publish-rate=0',
        '-jar', jar, '--deploy', this.war, '--contextroot', '/', '--port', String(this.port), '--nocluster',
      ],
      { env: { ...process.env, ...this.env }, stdio: ['ignore', log, log] },
    );
    const exited = new Promise((_, reject) => this.proc.once('exit', (c) => reject(new Error(`Payara exited with ${c}`))));
    exited.catch(() => {});
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${this.base}/herald.js`);
        if (r.ok) return;
      } catch {
        // not up yet
      }
      await Promise.race([new Promise((r) => setTimeout(r, 300)), exited]);
    }
    throw new Error('Payara did not start in 120 s');
  }

  /** Kills the server at once (SIGKILL): clients see their connections drop, as in a crash. */
  async kill() {
    if (!this.proc || this.proc.exitCode !== null) return;
    const gone = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGKILL');
    await gone;
  }

  /** Publishes as a publisher (any topic, private ones included). */
  async publish(topic, items, event = 'n') {
    const r = await fetch(`${this.base}/api/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${FULL}` },
      body: JSON.stringify(items.map((data) => ({ topic, event, data }))),
    });
    if (r.status !== 201) throw new Error(`publish answered ${r.status}: ${await r.text()}`);
    return (await r.json()).ids;
  }

  /** Publishes `from`..`to-1` as {n} in batches, with a pause between, so they arrive live. */
  async stream(topic, from, to, { batch = 10, pause = 15 } = {}) {
    for (let i = from; i < to; i += batch) {
      const items = [];
      for (let n = i; n < Math.min(to, i + batch); n++) items.push({ n });
      await this.publish(topic, items);
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  async cursor(topic) {
    return (await this.messages(topic)).cursor;
  }

  /** The short poll's answer for `topic` since `since` (read as a subscriber of everything). */
  async messages(topic, since) {
    const q = `topic=${encodeURIComponent(topic)}${since ? `&since=${encodeURIComponent(since)}` : ''}`;
    const r = await fetch(`${this.base}/api/messages?${q}`, { headers: { Authorization: `Bearer ${FULL}` } });
    return r.json();
  }
}
