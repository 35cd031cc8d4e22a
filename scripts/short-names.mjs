// Short names for the links between the wasm and wasm-bindgen's loader.
//
// wasm-bindgen names each JS function the wasm imports `__wbg_<name>_<16
// hex digits>` and exports closures under their whole Rust path. Those names
// travel twice, once in the wasm's import and export sections and once in
// the loader, and the hex digits do not compress: measured on the build of
// 2026-12-02, 5.7 KB of brotli for the two files (wasm 325.3 → 321.9 KB,
// loader 6.8 → 4.4 KB). This renames them, in both files, to `a`, `b`, …
// (imports) and `_a`, `_b`, … (exports), and the loader's module
// `./paix-base_bg.js` to `a`. The renaming depends only on the built files,
// so the same build gives the same bytes.
//
// Every name is checked: an import must be named in the loader exactly
// once, as a key of its import object; an export must be read as
// `.<name>`, and no other mention of it may be left. Each section must be
// read to its end, and the new module must compile with the names
// expected. Otherwise the build stops here instead of shipping a wasm the
// loader cannot link.

import { name, rewriteSections, uleb } from './wasm-sections.mjs';

const MODULE = './paix-base_bg.js';

function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  for (let n = i; ; n = Math.floor(n / letters.length) - 1) {
    s = letters[n % letters.length] + s;
    if (n < letters.length) return s;
  }
}

/** `s` as a regular expression that matches it literally. */
export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A whole JS identifier or property name, not a part of one.
const token = (name) => `(?<![\\w$])${escape(name)}(?![\\w$])`;

/**
 * Renames; returns the new wasm (Buffer) and loader (string). `readBy` is
 * the text in which an export must be named to be renamed: wasm-bindgen's
 * own loader, when `loader` holds other code too (the snippets and pwa.js,
 * folded in by minify.mjs), so a word of that code that happens to be an
 * export the loader never reads is not taken for a read of it.
 */
export function shortNames(wasm, loader, readBy = loader) {
  // How often `re` matches the loader; a count other than `exactly` (or
  // none, without `exactly`) stops the build.
  const check = (text, re, what, exactly) => {
    const found = text.match(re)?.length ?? 0;
    if (exactly !== undefined ? found !== exactly : found === 0) {
      throw new Error(`short-names: ${what} found ${found} times in the loader`);
    }
  };
  const rename = (text, re, to, what, exactly) => {
    check(text, re, what, exactly);
    return text.replace(re, to);
  };

  let js = loader;
  let imports = 0, exports = 0;
  const expectImports = [], expectExports = [];
  const out = rewriteSections(wasm, 'short-names', (id, c) => {
    if (id === 2) {
      const count = c.u32();
      const body = [uleb(count)];
      for (let i = 0; i < count; i++) {
        const module = c.name();
        const field = c.name();
        const d = c.p;
        c.skipImportDesc('short-names');
        let newModule = module, newField = field;
        if (module === MODULE) {
          newModule = 'a';
          newField = shortName(imports++);
          check(js, new RegExp(token(field), 'g'), `import ${field}`, 1);
          js = rename(js, new RegExp(`(?<=[{,])${escape(field)}(?=[:(])`, 'g'), newField, `import ${field} as a key`, 1);
        }
        expectImports.push(`${newModule} ${newField}`);
        body.push(name(newModule), name(newField), c.buf.subarray(d, c.p));
      }
      c.ended('short-names', 'import');
      return Buffer.concat(body);
    }
    if (id === 7) {
      const count = c.u32();
      const body = [uleb(count)];
      for (let i = 0; i < count; i++) {
        const field = c.name();
        const d = c.p;
        c.skipExportDesc();
        let newField = field;
        // `memory` is a common word; an export the loader never reads is
        // left as it is.
        if (field !== 'memory' && new RegExp(token(field)).test(readBy)) {
          newField = '_' + shortName(exports++);
          js = rename(js, new RegExp(`(?<=\\.)${escape(field)}(?![\\w$])`, 'g'), newField, `export ${field}`);
          if (new RegExp(token(field)).test(js)) throw new Error(`short-names: export ${field} is named in the loader other than as .${field}`);
        }
        body.push(name(newField), c.buf.subarray(d, c.p));
        expectExports.push(newField);
      }
      c.ended('short-names', 'export');
      return Buffer.concat(body);
    }
    return undefined;
  });
  if (imports === 0) throw new Error(`short-names: no import from ${MODULE}; has wasm-bindgen changed its loader?`);
  js = rename(js, new RegExp(`(["'])${escape(MODULE)}\\1:`, 'g'), 'a:', `the module key "${MODULE}"`, 1);
  const module = new WebAssembly.Module(out);
  const got = {
    imports: WebAssembly.Module.imports(module).map((i) => `${i.module} ${i.name}`).join('\n'),
    exports: WebAssembly.Module.exports(module).map((e) => e.name).join('\n'),
  };
  if (got.imports !== expectImports.join('\n') || got.exports !== expectExports.join('\n')) {
    throw new Error('short-names: the renamed module does not have the names expected');
  }
  return { wasm: out, loader: js, imports, exports };
}
