// The build step that folds the JS snippets into wasm-bindgen's loader
// (scripts/bundle-snippets.mjs): on modules made here, run as a module; on
// the shapes it must refuse; and on the release build the other tests run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSnippets } from '../../scripts/bundle-snippets.mjs';

const run = (code) => import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));

const DATA = './snippets/c-1/src/ui/data.js';
const SYNC = './snippets/c-1/src/ui/sync.js';
const snippets = () => new Map([
  // sync.js first: it imports data.js, which must still run before it.
  [SYNC, "import { cap, order } from './data.js';\n// import nothing else\nlet seen = 0;\nexport const send = (n) => { seen++; return cap(n) + seen; };\nexport async function later() { return order; }\n"],
  [DATA, "export const order = [];\norder.push('data');\nexport function cap(n) { return Math.min(n, 10); }\n"],
]);
const loader = [
  'let wasm;',
  `import { send, later as after } from '${SYNC}';`,
  `import * as import1 from "${SYNC}"`,
  `import * as import2 from "${DATA}"`,
  'export const calls = () => [send(50), send(3)];',
  `export const keys = () => ({ "${SYNC}": import1, "${DATA}": import2 });`,
  'export { after };',
].join('\n');

test('the snippets run once, each after those it imports, and the loader sees their exports', async () => {
  const out = bundleSnippets(loader, snippets());
  assert.ok(!/\bfrom\s*['"]\.\/snippets/.test(out), 'no import of a snippet is left');
  const m = await run(out);
  assert.deepEqual(m.calls(), [11, 5]);
  assert.deepEqual(await m.after(), ['data']);
  const k = m.keys();
  assert.equal(k[SYNC].send, k[SYNC].send);
  assert.equal(typeof k[DATA].cap, 'function');
  assert.deepEqual(Object.keys(k[SYNC]).sort(), ['later', 'send']);
  // A snippet's own names stay its own: `seen` is not the loader's.
  assert.ok(!('seen' in m));
  // The wasm's own imports from a snippet are checked against its exports;
  // its imports from other modules are not this step's.
  const wasm = [{ module: SYNC, name: 'send' }, { module: SYNC, name: 'later' }, { module: './paix-base_bg.js', name: 'x' }];
  assert.doesNotThrow(() => bundleSnippets(loader, snippets(), wasm));
  assert.throws(() => bundleSnippets(loader, snippets(), [...wasm, { module: DATA, name: 'missing' }]),
    /the wasm imports missing from \.\/snippets\/c-1\/src\/ui\/data\.js, which does not export it/);
});

test('shapes it does not fold stop the build', () => {
  const bad = (source, why) => {
    const s = snippets();
    s.set(DATA, source);
    assert.throws(() => bundleSnippets(loader, s), why);
  };
  bad('export default 1;\nexport const cap = 1, order = [];', /shape this step does not fold: export default 1/);
  bad('const cap = 1, order = [];\nexport { cap, order };', /shape this step does not fold: export \{ cap, order \}/);
  bad("export const cap = () => import('./x.js'), order = [];", /shape this step does not fold/);
  bad('export const cap = () => import.meta.url;\nexport const order = [];', /shape this step does not fold: import\.meta/);
  bad('const cap = 1, order = [];', /exports nothing/);
  // Only the first name of a declaration is seen as exported.
  bad('export const cap = (n) => n, order = [];', /\.\/snippets\/c-1\/src\/ui\/sync\.js imports order from \.\/snippets\/c-1\/src\/ui\/data\.js, which does not export it/);
  const l = snippets();
  l.set(SYNC, l.get(SYNC).replace('export async function later', 'async function later'));
  assert.throws(() => bundleSnippets(loader, l), /the loader imports later from \.\/snippets\/c-1\/src\/ui\/sync\.js, which does not export it/);
  const s = snippets();
  s.set(SYNC, "import { cap } from './missing.js';\nexport const send = cap;");
  assert.throws(() => bundleSnippets(loader, s), /imports \.\/snippets\/c-1\/src\/ui\/missing\.js, which is not a snippet/);
  s.set(SYNC, "import { cap } from './data.js';\nexport const send = cap, later = 0;");
  s.set(DATA, "import { send } from './sync.js';\nexport const cap = send, order = 0;");
  assert.throws(() => bundleSnippets(loader, s), /cycle/);
  assert.throws(() => bundleSnippets(`const __paixSnippet0 = 1;\n${loader}`, snippets()), /already names __paixSnippet0/);
});

test('the release build: no snippet file, no link to one, one loader that runs without them', () => {
  const dist = join(import.meta.dirname, '../../dist');
  assert.ok(!existsSync(join(dist, 'snippets')), 'no snippets directory');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.ok(!html.includes('/snippets/'), 'index.html names no snippet');
  const loaders = readdirSync(dist).filter((n) => /^paix-base-[0-9a-f]+\.js$/.test(n));
  assert.equal(loaders.length, 1);
  const code = readFileSync(join(dist, loaders[0]), 'utf8');
  assert.ok(!/\bfrom\s*["']|\bimport\s*\(/.test(code), 'the loader imports nothing');
  assert.ok(html.includes(`/${loaders[0]}`), 'index.html names the loader');
});
