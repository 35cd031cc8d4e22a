// The JS snippets (src/**/*.js, which wasm-bindgen copies to
// `snippets/<crate>-<hash>/…`) folded into wasm-bindgen's loader, so a
// visit fetches one script module instead of five.
//
// Each snippet is a separate module file with its own request, response
// headers, `modulepreload` link with an integrity hash, compile and, on a
// first visit, its own brotli stream. Measured on the build of 2026-12-04:
// the loader and the four snippets 8,085 bytes of brotli as five files,
// 7,437 as one text; each response also carries its headers.
//
// How: each snippet's body runs once, after the snippets it imports, inside
// a function that returns its exports as an object, at the top of the
// loader; the loader's static imports of a snippet become `const` reads
// of that object where the imports were. A snippet's
// own top-level names stay inside its function, so they cannot meet the
// loader's. The loader's import object still names each snippet's module
// path as a key: those strings are what the wasm imports from.
//
// Only the shapes our snippets use are accepted: `export const|function|
// async function NAME`, and `import { a, b } from './x.js'` of another
// snippet. Anything else (`export default`, `export {…}`, a dynamic
// `import(`, `import.meta`, a snippet import left in the loader, a name
// imported that is not exported) stops the build rather than ship a loader
// that cannot link. The lines are read as lines: a snippet must not hold a
// multi-line string or comment whose line starts with `export` or `import`.

import { posix } from 'node:path';
import { escape } from './short-names.mjs';

const IMPORT_NAMED = /^import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const IMPORT_ALL = /^import\s*\*\s*as\s+([\w$]+)\s+from\s*(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const EXPORT = /^export\s+(const|function|async\s+function)\s+([\w$]+)/gm;

/** `a, b as c` → [[a, a], [b, c]]: each name imported and its local name. */
function names(list, where) {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((item) => {
    const m = item.match(/^([\w$]+)(?:\s+as\s+([\w$]+))?$/);
    if (!m) throw new Error(`bundle-snippets: cannot read the import "${item}" in ${where}`);
    return [m[1], m[2] || m[1]];
  });
}

/** The import list as a destructuring pattern: `a, b: c`. */
const pattern = (pairs) => pairs.map(([name, local]) => (name === local ? name : `${name}: ${local}`)).join(', ');

/**
 * Folds `snippets` (a Map from each snippet's path as the loader imports it,
 * `./snippets/…/x.js`, to its source) into `loader`. Returns the new loader.
 * `wasmImports` (`WebAssembly.Module.imports` of the wasm) are checked too:
 * the loader passes a snippet's exports as the wasm's import object for it,
 * so a name the wasm wants that the snippet does not export would be a
 * LinkError on the device.
 */
export function bundleSnippets(loader, snippets, wasmImports = []) {
  const ns = new Map([...snippets.keys()].map((path, i) => [path, `__paixSnippet${i}`]));
  for (const name of ns.values()) {
    if (loader.includes(name)) throw new Error(`bundle-snippets: the loader already names ${name}`);
  }
  const nsOf = (path, where) => {
    const name = ns.get(path);
    if (!name) throw new Error(`bundle-snippets: ${where} imports ${path}, which is not a snippet of this build`);
    return name;
  };

  // Each snippet as a function body returning its exports; its imports of
  // other snippets as reads of theirs, which must come first.
  const bodies = new Map();
  const needs = new Map();
  const exported = new Map();
  // Each import of a snippet, checked once every snippet's exports are known:
  // a name it does not export would otherwise read as undefined.
  const wanted = wasmImports.filter(({ module }) => ns.has(module)).map(({ module, name }) => ['the wasm', module, [[name, name]]]);
  for (const [path, source] of snippets) {
    const deps = [];
    let body = source.replace(IMPORT_NAMED, (_, list, _q, from) => {
      const target = './' + posix.normalize(posix.join(posix.dirname(path), from));
      const pairs = names(list, path);
      wanted.push([path, target, pairs]);
      const object = nsOf(target, path);
      deps.push(object);
      return `const { ${pattern(pairs)} } = ${object};`;
    });
    const own = [];
    body = body.replace(EXPORT, (_, kind, name) => {
      own.push(name);
      return `${kind} ${name}`;
    });
    const left = body.match(/^\s*(?:import|export)\b.*$/m) || body.match(/\bimport\s*(?:\(|\.\s*meta\b)/);
    if (left) throw new Error(`bundle-snippets: ${path} has a shape this step does not fold: ${left[0].trim()}`);
    if (own.length === 0) throw new Error(`bundle-snippets: ${path} exports nothing`);
    exported.set(path, own);
    bodies.set(ns.get(path), `const ${ns.get(path)} = (() => {\n${body}\nreturn { ${own.join(', ')} };\n})();\n`);
    needs.set(ns.get(path), deps);
  }
  const ordered = [];
  const visiting = new Set();
  const visit = (name) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`bundle-snippets: the snippets import each other in a cycle (${name})`);
    visiting.add(name);
    needs.get(name).forEach(visit);
    visiting.delete(name);
    ordered.push(name);
  };
  [...bodies.keys()].forEach(visit);

  // The loader's imports of snippets, in place, as reads of their objects.
  let out = loader.replace(IMPORT_NAMED, (whole, list, _q, from) => {
    if (!ns.has(from)) return whole;
    const pairs = names(list, 'the loader');
    wanted.push(['the loader', from, pairs]);
    return `const { ${pattern(pairs)} } = ${ns.get(from)};`;
  });
  for (const [who, from, pairs] of wanted) {
    const missing = pairs.map(([name]) => name).filter((name) => !exported.get(from).includes(name));
    if (missing.length) throw new Error(`bundle-snippets: ${who} imports ${missing.join(', ')} from ${from}, which does not export it`);
  }
  out = out.replace(IMPORT_ALL, (whole, name, _q, from) => {
    if (!ns.has(from)) return whole;
    return `const ${name} = ${ns.get(from)};`;
  });
  for (const path of snippets.keys()) {
    const left = out.match(new RegExp(`from\\s*['"]${escape(path)}['"]`));
    if (left) throw new Error(`bundle-snippets: the loader still imports ${path} (${left[0]})`);
  }
  if (/\bimport\s*\(/.test(out)) throw new Error('bundle-snippets: the loader imports a module at run time');
  // The snippets' bodies first: a module's imports are evaluated before it.
  return ordered.map((n) => bodies.get(n)).join('') + out;
}
