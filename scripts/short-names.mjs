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

// The unsigned LEB128 number at `p` of `buf`, and where it ends.
export function leb(buf, p) {
  let r = 0, shift = 0, b;
  do {
    b = buf[p++];
    r |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [r >>> 0, p];
}

// `n` in unsigned LEB128.
export function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

const name = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(b.length), b]);
};

/**
 * Renames; returns the new wasm (Buffer) and loader (string). `readBy` is
 * the text in which an export must be named to be renamed: wasm-bindgen's
 * own loader, when `loader` holds other code too (the snippets and pwa.js,
 * folded in by minify.mjs), so a word of that code that happens to be an
 * export the loader never reads (`main`…) is not taken for a read of it.
 */
export function shortNames(wasm, loader, readBy = loader) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('short-names: not a wasm module');
  let p = 8;
  const readU32 = () => {
    const [r, end] = leb(wasm, p);
    p = end;
    return r;
  };
  const readName = () => {
    const l = readU32();
    const s = wasm.subarray(p, p + l).toString('utf8');
    p += l;
    return s;
  };
  // Skips an import's description: function, table, memory or global.
  const skipImportDesc = () => {
    const kind = wasm[p++];
    if (kind === 0) readU32();
    else if (kind === 1) { p++; if (wasm[p++] & 1) { readU32(); readU32(); } else readU32(); }
    else if (kind === 2) { if (wasm[p++] & 1) { readU32(); readU32(); } else readU32(); }
    else if (kind === 3) p += 2;
    else throw new Error(`short-names: unknown import kind ${kind}`);
  };
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
  const parts = [wasm.subarray(0, 8)];
  let imports = 0, exports = 0;
  const expectImports = [], expectExports = [];
  const ended = (end, what) => {
    if (p !== end) throw new Error(`short-names: the ${what} section was misread`);
  };
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    const size = readU32();
    const end = p + size;
    if (id === 2) {
      const count = readU32();
      const body = [uleb(count)];
      for (let i = 0; i < count; i++) {
        const module = readName();
        const field = readName();
        const d = p;
        skipImportDesc();
        let newModule = module, newField = field;
        if (module === MODULE) {
          newModule = 'a';
          newField = shortName(imports++);
          check(js, new RegExp(token(field), 'g'), `import ${field}`, 1);
          js = rename(js, new RegExp(`(?<=[{,])${escape(field)}(?=[:(])`, 'g'), newField, `import ${field} as a key`, 1);
        }
        expectImports.push(`${newModule} ${newField}`);
        body.push(name(newModule), name(newField), wasm.subarray(d, p));
      }
      ended(end, 'import');
      const section = Buffer.concat(body);
      parts.push(Buffer.from([2]), uleb(section.length), section);
    } else if (id === 7) {
      const count = readU32();
      const body = [uleb(count)];
      for (let i = 0; i < count; i++) {
        const field = readName();
        const d = p;
        p++;
        readU32();
        let newField = field;
        // `memory` is a common word; the exports the loader never reads
        // (`main`, …) are left as they are.
        if (field !== 'memory' && new RegExp(token(field)).test(readBy)) {
          newField = '_' + shortName(exports++);
          js = rename(js, new RegExp(`(?<=\\.)${escape(field)}(?![\\w$])`, 'g'), newField, `export ${field}`);
          if (new RegExp(token(field)).test(js)) throw new Error(`short-names: export ${field} is named in the loader other than as .${field}`);
        }
        body.push(name(newField), wasm.subarray(d, p));
        expectExports.push(newField);
      }
      ended(end, 'export');
      const section = Buffer.concat(body);
      parts.push(Buffer.from([7]), uleb(section.length), section);
    } else {
      parts.push(wasm.subarray(start, end));
    }
    p = end;
  }
  if (imports === 0) throw new Error(`short-names: no import from ${MODULE}; has wasm-bindgen changed its loader?`);
  js = rename(js, new RegExp(`(["'])${escape(MODULE)}\\1:`, 'g'), 'a:', `the module key "${MODULE}"`, 1);
  const out = Buffer.concat(parts);
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
