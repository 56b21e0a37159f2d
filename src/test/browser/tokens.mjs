// Mints RS256 JWTs for the browser tests with the test key pair the Java tests use
// (src/test/resources/security, io.herald.testkit.Tokens): the server under test trusts
// test-public.pem with issuer herald-test (server.mjs).
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
export const PUBLIC_KEY = path.join(root, 'src/test/resources/security/test-public.pem');
export const ISSUER = 'herald-test';
const PRIVATE_KEY = readFileSync(path.join(root, 'src/test/resources/security/test-private.pem'), 'utf8');

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A token for `sub` valid `seconds` from now, with subscribe/publish patterns and groups. */
export function mint({ seconds = 3600, sub = 'browser', subscribe = [], publish = [], groups = [] } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const body = { iss: ISSUER, sub, iat: now, exp: now + seconds, subscribe, publish, groups, jti: Math.random().toString(36).slice(2) };
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(body)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(PRIVATE_KEY).toString('base64url');
  return `${input}.${signature}`;
}

/** May subscribe to and publish on everything (what the test's own server-side publishes use). */
export const FULL = mint({ seconds: 6 * 3600, sub: 'tests', subscribe: ['**'], publish: ['**'], groups: ['herald-publisher'] });
