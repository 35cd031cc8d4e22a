// The build step that drops wasm-streams' unreachable classes from the wasm
// and its loader (scripts/drop-streams.mjs): on text and a module made here
// by hand, on the cases it must refuse, and on the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dropClasses, dropExports } from '../../scripts/drop-streams.mjs';
import { releaseWasm } from './helpers.mjs';

// A class as wasm-bindgen 0.2.130 writes it, and its registry.
const klass = (name, lower) => `export class ${name} {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        ${name}Finalization.unregister(this);
        return ptr;
    }
    free() {
        wasm.__wbg_${lower}_free(this.__destroy_into_raw(), 0);
    }
    pull(controller) {
        return wasm.${lower}_pull(this.__wbg_ptr, controller);
    }
}
if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;
`;
const registry = (name, lower) => `const ${name}Finalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_${lower}_free(ptr >>> 0, 1));
`;
const LOADER = `function keep() { return wasm.main(); }\n${klass('IntoUnderlyingSource', 'intounderlyingsource')}`
  + `let x = 1;\n${registry('IntoUnderlyingSource', 'intounderlyingsource')}export { keep };\n`;

test('a class of wasm-streams and its registry leave the loader, the rest stays as it was', () => {
  const out = dropClasses(LOADER);
  assert.deepEqual(out.classes, ['IntoUnderlyingSource']);
  assert.equal(out.loader, 'function keep() { return wasm.main(); }\nlet x = 1;\nexport { keep };\n');
  // A loader without them is left alone.
  assert.deepEqual(dropClasses(out.loader), { loader: out.loader, classes: [] });
});

test('a class the loader reaches some other way, or a registry without its class, stops the build', () => {
  assert.throws(() => dropClasses(`${LOADER}function f(p) { return IntoUnderlyingSource.__wrap(p); }\n`), /IntoUnderlyingSource is still named/);
  assert.throws(() => dropClasses(LOADER.replace(/^const IntoUnderlyingSource[^]*?;\n/m, '')), /registries/);
});

const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, bytes.length, ...bytes];
// One function `() -> ()`, exported under each name.
const module = (exportNames) => Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 0, 0]),
  ...section(3, [1, 0]),
  ...section(7, [exportNames.length, ...exportNames.flatMap((n) => [...str(n), 0, 0])]),
  ...section(10, [1, 2, 0, 0x0b]),
]);
const exportsOf = (wasm) => WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);

test('the exports behind the classes leave the wasm, the others stay, and it still compiles', () => {
  const wasm = module(['main', '__wbg_intounderlyingsource_free', 'intounderlyingsource_pull', 'intounderlyingbytesource_type', 'closure_invoke']);
  const out = dropExports(wasm, 'wasm.main(); wasm.closure_invoke();');
  assert.deepEqual(exportsOf(out.wasm), ['main', 'closure_invoke']);
  assert.deepEqual(out.dropped, ['__wbg_intounderlyingsource_free', 'intounderlyingsource_pull', 'intounderlyingbytesource_type']);
});

test('an export the loader still reads stops the build', () => {
  const wasm = module(['main', 'intounderlyingsink_write']);
  assert.throws(() => dropExports(wasm, 'wasm.main(); wasm.intounderlyingsink_write(1);'), /still reads intounderlyingsink_write/);
});

test('the release build: no class of wasm-streams in the loader, and every export but the memory and the entry is read by it', () => {
  const dist = join(import.meta.dirname, '../../dist');
  const file = (re) => join(dist, readdirSync(dist).find((n) => re.test(n)));
  const loader = readFileSync(file(/^paix-base-[0-9a-f]+\.js$/), 'utf8');
  assert.ok(!/IntoUnderlying/i.test(loader), 'no IntoUnderlying… left in the loader');
  const names = exportsOf(releaseWasm(dist));
  const unread = names.filter((e) => !new RegExp(`\\.${e.replace(/\$/g, '\\$')}(?![\\w$])`).test(loader));
  assert.deepEqual(unread.filter((e) => /intounderlying/i.test(e)), []);
  assert.ok(names.length < 30, `${names.length} exports: ${names.join(' ')}`);
});
