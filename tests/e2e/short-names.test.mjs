// The build step that gives the wasm's links to its loader short names
// (scripts/short-names.mjs): on a module made here by hand, on the bad
// cases it must refuse, and on the release build the other tests run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shortNames } from '../../scripts/short-names.mjs';
import { releaseWasm } from './helpers.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, bytes.length, ...bytes];
// One function type, the imported functions, one exported function that
// calls the first import.
const module = (imports, exportName) => Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 0, 0]),
  ...section(2, [imports.length, ...imports.flatMap(([m, f]) => [...str(m), ...str(f), 0, 0])]),
  ...section(3, [1, 0]),
  ...section(7, [1, ...str(exportName), 0, imports.length]),
  ...section(10, [1, 4, 0, 0x10, 0x00, 0x0b]),
]);

const names = (wasm) => {
  const m = new WebAssembly.Module(wasm);
  return {
    imports: WebAssembly.Module.imports(m).map((i) => `${i.module} ${i.name}`),
    exports: WebAssembly.Module.exports(m).map((e) => e.name),
  };
};

test('imports, exports and the module key are renamed on both sides, and the module still compiles', () => {
  const wasm = module([['./paix-base_bg.js', '__wbg_log_0123456789abcdef'], ['./snippets/x.js', 'keep']], 'wasm_bindgen_convert_closures_invoke');
  const loader = 'const i={__proto__:null,"./paix-base_bg.js":{__wbg_log_0123456789abcdef:function(){}},"./snippets/x.js":s};'
    + 'w.wasm_bindgen_convert_closures_invoke();w.wasm_bindgen_convert_closures_invoke();';
  const out = shortNames(wasm, loader);
  assert.deepEqual(names(out.wasm), { imports: ['a a', './snippets/x.js keep'], exports: ['_a'] });
  assert.equal(out.loader, 'const i={__proto__:null,a:{a:function(){}},"./snippets/x.js":s};w._a();w._a();');
  assert.equal(out.imports, 1);
  assert.equal(out.exports, 1);
  // The same input gives the same bytes (the file's name comes from before).
  assert.deepEqual(shortNames(wasm, loader).wasm, out.wasm);
});

test('the renamed pair links, and the call goes through to the same JS function', () => {
  const wasm = module([['./paix-base_bg.js', '__wbg_log_0123456789abcdef'], ['./paix-base_bg.js', '__wbg_warn_fedcba9876543210']], 'closure_invoke');
  const loader = 'const i={__proto__:null,"./paix-base_bg.js":{__wbg_log_0123456789abcdef:function(){calls.push("log")},'
    + '__wbg_warn_fedcba9876543210:function(){calls.push("warn")}}};const w=new WebAssembly.Instance(m,i).exports;w.closure_invoke();';
  const out = shortNames(wasm, loader);
  const calls = [];
  new Function('m', 'calls', out.loader)(new WebAssembly.Module(out.wasm), calls);
  assert.deepEqual(calls, ['log']);
  assert.deepEqual(names(out.wasm), { imports: ['a a', 'a b'], exports: ['_a'] });
});

test('an import named in a string rather than as a key stops the build', () => {
  const wasm = module([['./paix-base_bg.js', '__wbg_log_0123456789abcdef']], 'main');
  assert.throws(() => shortNames(wasm, 'const i={"./paix-base_bg.js":{}};g("__wbg_log_0123456789abcdef");'), /as a key found 0 times/);
});

test('an import the loader does not name, or names twice, stops the build', () => {
  const wasm = module([['./paix-base_bg.js', '__wbg_log_0123456789abcdef']], 'main');
  assert.throws(() => shortNames(wasm, 'const i={"./paix-base_bg.js":{}};'), /import __wbg_log_0123456789abcdef found 0 times/);
  assert.throws(
    () => shortNames(wasm, 'const i={"./paix-base_bg.js":{__wbg_log_0123456789abcdef:f}};g(__wbg_log_0123456789abcdef);'),
    /found 2 times/,
  );
});

test('an export named in the loader other than as a property stops the build', () => {
  const wasm = module([['./paix-base_bg.js', '__wbg_log_0123456789abcdef']], 'closure_invoke');
  const loader = 'const i={"./paix-base_bg.js":{__wbg_log_0123456789abcdef:f}};w.closure_invoke();h["closure_invoke"]();';
  assert.throws(() => shortNames(wasm, loader), /export closure_invoke is named in the loader other than as \.closure_invoke/);
});

test('the release build: every import of the loader module is a key of its import object, no long name is left', () => {
  const dist = join(import.meta.dirname, '../../dist');
  // The loader's name is its own content's hash (minify.mjs), not the wasm's.
  const loader = readFileSync(join(dist, readdirSync(dist).find((n) => /^paix-base-[0-9a-f]+\.js$/.test(n))), 'utf8');
  const { imports, exports } = names(releaseWasm(dist));
  const own = imports.filter((i) => i.startsWith('a ')).map((i) => i.slice(2));
  assert.ok(own.length > 100, `${own.length} imports from the loader`);
  for (const n of own) assert.ok(new RegExp(`[{,]${n}[:(]`).test(loader), `import ${n} is a key of the loader's import object`);
  assert.ok(!imports.some((i) => i.includes('__wbg_')), 'no __wbg_ import name left');
  assert.ok(!/__wbg_\w+_[0-9a-f]{16}/.test(loader), 'no hashed import name left in the loader');
  const renamed = exports.filter((e) => /^_[a-zA-Z]{1,2}$/.test(e));
  assert.ok(renamed.length > 10, `${renamed.length} exports renamed`);
  for (const e of renamed) assert.ok(new RegExp(`\\.${e}(?![\\w$])`).test(loader), `export ${e} read by the loader`);
});
