// herald.d.ts against herald.js: what the declarations say (read with the TypeScript compiler API)
// must be what the modules really export, accept and emit, both ways where both ways can be known.
// Run by Maven in `test` (node --test src/test/types/); usage.ts is the compile-side half.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as herald from '../../main/js/herald.js';
import { State } from '../../main/js/state.js';
import { Subscription } from '../../main/js/topics.js';

const src = path.resolve(import.meta.dirname, '../../main/js');
const dts = path.join(src, 'herald.d.ts');

const program = ts.createProgram([dts], {
  strict: true,
  noEmit: true,
  types: [],
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
});
const checker = program.getTypeChecker();
const file = program.getSourceFile(dts);
const module = checker.getSymbolAtLocation(file);
const resolve = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const exported = new Map(checker.getExportsOfModule(module).map((s) => [s.getName(), s]));

/** The declaration named `name`, as a type (an interface's, a class instance's, an alias's). */
function declared(name) {
  const s = exported.get(name);
  assert.ok(s, `herald.d.ts exports ${name}`);
  return checker.getDeclaredTypeOfSymbol(resolve(s));
}

const names = (type) => type.getProperties().map((p) => p.getName()).sort();
const literals = (type) => type.types.map((t) => t.value).sort();
const sorted = (xs) => [...new Set(xs)].sort();

/** Members declared as methods (`f(): T`), as opposed to properties. */
const methods = (type) => type.getProperties().filter((p) => p.flags & ts.SymbolFlags.Method).map((p) => p.getName());

/** Every .js file under src/main/js, parsed. */
function sources() {
  const files = readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.js') && !f.startsWith('build'));
  return files.map((f) => ts.createSourceFile(f, readFileSync(path.join(src, f), 'utf8'), ts.ScriptTarget.ES2022, true));
}

function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (c) => walk(c, visit));
}

/** A client that opens nothing: construction only reads options. */
function client(options = {}) {
  return new herald.HeraldClient('http://localhost/', { fetch: async () => new Response(''), WebSocket: class {}, ...options });
}

test('the value exports of herald.js are exactly those herald.d.ts declares', () => {
  const values = [...exported].filter(([, s]) => resolve(s).flags & ts.SymbolFlags.Value).map(([n]) => n);
  assert.deepEqual(sorted(values), sorted(Object.keys(herald)));
});

test('the default export has exactly the declared members', () => {
  const type = checker.getTypeOfSymbol(resolve(exported.get('default')));
  assert.deepEqual(names(type), sorted(Object.keys(herald.default)));
});

test('exported functions declare at least the parameters they take', () => {
  for (const [name, s] of exported) {
    const fn = herald[name];
    if (typeof fn !== 'function' || /^class /.test(fn.toString())) continue;
    const [signature] = checker.getTypeOfSymbol(resolve(s)).getCallSignatures();
    assert.ok(signature, `${name} is declared as a function`);
    assert.ok(signature.parameters.length >= fn.length, `${name} declares ${signature.parameters.length} parameters, takes ${fn.length}`);
  }
});

test('TransportName is exactly TRANSPORTS, and TRANSPORT_IMPLS has one per name', () => {
  assert.deepEqual(literals(declared('TransportName')), sorted(herald.TRANSPORTS));
  assert.deepEqual(sorted(Object.keys(herald.TRANSPORT_IMPLS)), sorted(herald.TRANSPORTS));
});

test('Status is exactly the states of state.js', () => {
  assert.deepEqual(literals(declared('Status')), sorted(Object.values(State)));
});

test('Options declares exactly the options herald.js reads', () => {
  // At run time: the defaults, and every property read off the options object given.
  const read = new Set();
  const given = new Proxy({}, { get: (t, k) => (typeof k === 'string' && read.add(k), undefined) });
  const c = new herald.HeraldClient('http://localhost/', given);
  c.close();
  // In the sources: any `<...>options.<name>` or `options?.<name>` (transports read ctx.options).
  for (const f of sources()) {
    walk(f, (n) => {
      if (ts.isPropertyAccessExpression(n) && /(^|\.)options$/.test(n.expression.getText(f).replace(/\?/g, ''))) read.add(n.name.text);
    });
  }
  assert.deepEqual(names(declared('Options')), sorted([...Object.keys(c.options), ...read]));
});

/** Event names emitted with `.emit('name', …)`, split by receiver: the client's own and a subscription's. */
function emittedEvents() {
  const client = new Set(Object.values(State)); // the state machine emits each status by name
  const subscription = new Set();
  for (const f of sources()) {
    walk(f, (n) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'emit') {
        const [first] = n.arguments;
        if (!first || !ts.isStringLiteral(first)) return;
        const receiver = n.expression.expression.getText(f);
        const bySubscription = receiver !== 'this' || path.basename(f.fileName) === 'topics.js';
        (bySubscription ? subscription : client).add(first.text);
      }
    });
  }
  return { client, subscription };
}

test('ClientEvents declares exactly the events the client emits', () => {
  assert.deepEqual(names(declared('ClientEvents')), sorted(emittedEvents().client));
});

test('SubscriptionEvents declares exactly the events a subscription emits', () => {
  assert.deepEqual(names(declared('SubscriptionEvents')), sorted(emittedEvents().subscription));
});

test('HeraldClient: every declared member exists, methods are functions, every getter is declared', () => {
  const type = declared('HeraldClient');
  const c = client();
  for (const name of names(type)) assert.ok(name in c, `HeraldClient has ${name}`);
  for (const name of methods(type)) assert.equal(typeof c[name], 'function', `HeraldClient.${name} is a method`);
  const getters = Object.entries(Object.getOwnPropertyDescriptors(herald.HeraldClient.prototype)).filter(([, d]) => d.get);
  for (const [name] of getters) assert.ok(names(type).includes(name), `getter ${name} is declared`);
  c.close();
});

test('Subscription: every declared member exists on a real subscription', () => {
  const type = declared('Subscription');
  const sub = new Subscription({ remove() {} }, ['a'], () => {});
  for (const name of names(type)) assert.ok(name in sub, `Subscription has ${name}`);
  for (const name of methods(type)) assert.equal(typeof sub[name], 'function', `Subscription.${name} is a method`);
});

test('CursorTracker and SseParser: every declared member exists', () => {
  const instances = { CursorTracker: new herald.CursorTracker(), SseParser: new herald.SseParser({ onEvent() {} }) };
  for (const [cls, instance] of Object.entries(instances)) {
    const type = declared(cls);
    for (const name of names(type)) assert.ok(name in instance, `${cls} has ${name}`);
    for (const name of methods(type)) assert.equal(typeof instance[name], 'function', `${cls}.${name} is a method`);
  }
});

test('HeraldError: every declared field is set by the constructor or somewhere in the sources', () => {
  const e = new herald.HeraldError('code', 'message', 500);
  assert.deepEqual([e.code, e.message, e.status, e.name], ['code', 'message', 500, 'HeraldError']);
  const text = sources().map((f) => f.text).join('\n');
  const plain = new Error('message', { cause: null }); // what every Error has (ES2022's `cause` too)
  for (const name of names(declared('HeraldError'))) {
    if (name in e || name in plain) continue;
    assert.match(text, new RegExp(`\\.${name} = `), `something sets HeraldError.${name}`);
  }
});

test('SharedClient: every member of the declared interface exists on a real one', () => {
  const c = new herald.SharedClient('http://localhost/', { fetch: async () => new Response(''), WebSocket: class {} }, {
    locks: { request: () => new Promise(() => {}) }, // never granted: this tab stays pending
    channel: () => ({ postMessage() {}, close() {} }),
  });
  const type = declared('SharedClient');
  for (const name of names(type)) assert.ok(name in c, `SharedClient has ${name}`);
  for (const name of methods(type)) assert.equal(typeof c[name], 'function', `SharedClient.${name} is a method`);
  assert.equal(c.role, 'pending');
  c.close();
});
