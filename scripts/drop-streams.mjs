// Drops wasm-streams' classes, which nothing in the app can reach, from the
// wasm and from wasm-bindgen's loader.
//
// Leptos brings in `server_fn`, and with it the `wasm-streams` crate, whose
// three `#[wasm_bindgen]` classes (IntoUnderlyingSource, IntoUnderlyingSink,
// IntoUnderlyingByteSource) are exports of the wasm: wasm-bindgen keeps an
// export whether or not anything uses it, and wasm-opt keeps the code behind
// it. JavaScript reaches such a class only through an object the wasm hands
// over (`<Class>.__wrap`, called from an import); the app has no server
// functions and hands none over. Measured on the build of 2026-12-05: the
// wasm 284,756 → 283,696 bytes brotli (its exports dropped, then wasm-opt
// run again), and 1.6 KB less loader before minifying.
//
// What is dropped is checked: each class and its finalization registry must
// be found as wasm-bindgen writes them, nothing may mention a class or one
// of the dropped exports afterwards (a `__wrap` of one would), and the wasm
// must still compile. Otherwise the build stops here.

import { withoutExports } from './wasm-sections.mjs';

const CLASS = /^export class (IntoUnderlying\w+) \{\n[^]*?\n\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
const REGISTRY = /^const (IntoUnderlying\w+)Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n[^;]*;\n/gm;
// The exports behind the classes: `intounderlyingsource_pull`,
// `__wbg_intounderlyingsource_free`…
const EXPORT = /^(?:__wbg_)?intounderlying[a-z]*_\w+$/;

// The loader without the classes and their registries; the names of the
// classes dropped.
export function dropClasses(loader) {
  const classes = [...loader.matchAll(CLASS)].map((m) => m[1]);
  const registries = [...loader.matchAll(REGISTRY)].map((m) => m[1]);
  if (classes.length === 0) return { loader, classes };
  if (classes.slice().sort().join() !== registries.slice().sort().join()) {
    throw new Error(`drop-streams: classes ${classes} but registries ${registries}`);
  }
  const out = loader.replace(CLASS, '').replace(REGISTRY, '');
  for (const c of classes) {
    if (out.includes(c)) throw new Error(`drop-streams: ${c} is still named in the loader`);
  }
  return { loader: out, classes };
}

// The wasm without the exports behind the classes; the names dropped.
export function dropExports(wasm, loader) {
  return withoutExports(wasm, loader, 'drop-streams', (name) => EXPORT.test(name));
}
