// Trunk post_build hook, for wasm-bindgen's loader `paix-base-*.js`:
// - the export of the app's start function dropped from it and from the
//   wasm (a second call would mount the app twice);
// - wasm-streams' unreachable classes dropped from it and from the wasm,
//   and wasm-opt run again (drop-streams.mjs), which puts the functions in
//   the order brotli compresses best (order-functions.mjs);
// - in release builds, the wasm packed for brotli (pack-wasm.mjs) into
//   `paix-base-<hash>_bg.bin`, which the loader unpacks (unpack.wat);
// - the JS snippets (`snippets/**.js`) folded into it (bundle-snippets.mjs),
//   their files and their `modulepreload` links removed; public/pwa.js
//   placed first in it, its file and `<script defer>` removed;
// - minified with terser (npm, a dev dependency): Trunk's minifier cannot
//   parse the loader. Measured on the build of 2026-12-02: 15.0 → 10.3 KiB
//   brotli with the snippets, and less script to parse on start;
// - its links to the wasm given short names on both sides (short-names.mjs);
// - named after its new content, its name and `integrity` in index.html
//   (Trunk's sha384 of the file as it was) written anew.
// Runs before csp.mjs and sw-precache.mjs, which hash the final files.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { minify } from 'terser';
import { shortNames } from './short-names.mjs';
import { bundleSnippets } from './bundle-snippets.mjs';
import { dropClasses, dropExports } from './drop-streams.mjs';
import { nameByRank } from './order-functions.mjs';
import { withoutExports } from './wasm-sections.mjs';
import { pack, unpacker, unpackWasm, sameModule } from './pack-wasm.mjs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify.mjs runs as a Trunk hook (TRUNK_STAGING_DIR unset)');

// wasm-opt on `wasm`, with the level and parameters index.html gives Trunk
// (`data-wasm-opt`, `data-wasm-opt-params`). This last run also strips the
// toolchain's notes, which no browser reads: the producers and the target
// features (244 bytes; Trunk's run must keep the features, which tell this
// run's validator that bulk memory and reference types are allowed); and
// it puts the functions in the order that brotli compresses best
// (order-functions.mjs, which names them by their rank for this run).
function wasmOpt(wasm) {
  const link = readFileSync(new URL('../index.html', import.meta.url), 'utf8').match(/<link\b[^>]*\bdata-wasm-opt="([^"]+)"[^>]*>/);
  if (!link) throw new Error('minify.mjs: no data-wasm-opt in index.html');
  const params = (link[0].match(/\bdata-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);
  const [input, output] = ['in', 'out'].map((n) => join(tmpdir(), `paix-wasm-opt-${process.pid}-${n}.wasm`));
  writeFileSync(input, nameByRank(wasm));
  const run = spawnSync('wasm-opt', [`-O${link[1]}`, ...params, '--reorder-functions-by-name', '--strip-producers', '--strip-target-features', input, '-o', output], { stdio: 'inherit' });
  if (run.error || run.status !== 0) throw new Error(`minify.mjs: wasm-opt failed (${run.error?.message ?? `status ${run.status}`})`);
  const out = readFileSync(output);
  rmSync(input);
  rmSync(output);
  return out;
}

const walk = (d) => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
const files = readdirSync(dir).filter((n) => /^paix-base-[0-9a-f]+\.js$/.test(n)).map((n) => join(dir, n));
if (files.length !== 1) throw new Error(`minify.mjs: ${files.length} wasm-bindgen loaders in the build, one expected`);
const file = files[0];
const stem = file.match(/(paix-base-[0-9a-f]+)\.js$/)[1];
const wasmPath = join(dir, `${stem}_bg.wasm`);

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// The loader and the wasm, read once; the loader is written once, under its
// new name, at the end.
let source = readFileSync(file, 'utf8');
let wasm = readFileSync(wasmPath);
// Trunk runs wasm-opt for release builds only; the steps that need it, or
// that pack the wasm, run for them only too.
const release = process.env.TRUNK_PROFILE !== 'debug';

// The app's start function (`paix_start`, src/main.rs) runs once, from
// `__wbindgen_start` when the module is instantiated. wasm-bindgen also
// exports it to JavaScript, where a call would mount the app a second
// time: the export goes from the loader and from the wasm.
const START = /\nexport function paix_start\(\) \{\n\s*wasm\.paix_start\(\);\n\}\n/;
if (!START.test(source) || !source.includes('wasm.__wbindgen_start()')) {
  throw new Error('minify.mjs: the loader does not export paix_start, or does not call __wbindgen_start, as wasm-bindgen 0.2 writes them');
}
source = source.replace(START, '\n');
const start = withoutExports(wasm, source, 'minify.mjs', (name) => name === 'paix_start');
if (start.dropped.length !== 1) throw new Error(`minify.mjs: the wasm exports paix_start ${start.dropped.length} times, once expected`);
wasm = start.wasm;

// wasm-streams' classes, which the app cannot reach, out of both files
// (drop-streams.mjs), and wasm-opt run again, with the flags index.html
// gives Trunk, for the code behind them and the start function's export
// to go, and for the functions' order. Release builds only.
if (release) {
  const streams = dropClasses(source);
  source = streams.loader;
  const { wasm: stripped, dropped } = dropExports(wasm, source);
  wasm = wasmOpt(stripped);
  console.log(`drop-streams.mjs: ${streams.classes.length} classes and ${dropped.length} exports dropped; the wasm optimised again, its functions ordered (${wasm.length} bytes)`);
}

// Release builds ship the wasm packed (pack-wasm.mjs): the loader fetches
// the packed file, unpacks it and instantiates the module from its bytes.
// wasm-bindgen's __wbg_load, which compiles the module as it arrives
// (instantiateStreaming) or from its bytes, gives way to one that unpacks
// first; its warning about a server's MIME type goes with it. It takes only
// a Response, which is what the page passes it (the packed file's path,
// fetched): wasm-bindgen's other ways in, `initSync` or a module or bytes
// given to `init`, would need the unpacked module and the app uses none of
// them. The unpacker is a small wasm module of its own (scripts/unpack.wat,
// 1.3 KB), carried in the loader in base64.
const code = release && unpacker();
if (release) {
  const LOAD = /\nasync function __wbg_load\(module, imports\) \{\n[^]*?\n\}\n/;
  if (!LOAD.test(source)) throw new Error('minify.mjs: the loader has no __wbg_load(module, imports) as wasm-bindgen 0.2 writes it');
  source = source.replace(LOAD, () => `
async function __wbg_load(module, imports) {
  if (!module.ok) throw new Error("failed to fetch the app's code: " + module.status + ' ' + module.url);
  return await WebAssembly.instantiate(unpackWasm(await module.arrayBuffer(), Uint8Array.from(atob('${code.toString('base64')}'), (c) => c.charCodeAt(0))), imports);
}
${unpackWasm.toString()}
`);
}

// wasm-bindgen's loader as it wrote it, without its comments: the wasm's
// exports it reads (short-names.mjs).
const ownLoader = (await minify(source, { module: true, compress: false, mangle: false, format: { comments: false } })).code;

const snippetsDir = join(dir, 'snippets');
if (existsSync(snippetsDir)) {
  const snippets = new Map(walk(snippetsDir).map((p) => {
    if (!p.endsWith('.js')) throw new Error(`minify.mjs: ${p} is not a JS snippet`);
    return ['./' + relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8')];
  }));
  const wasmImports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  source = bundleSnippets(source, snippets, wasmImports);
  rmSync(snippetsDir, { recursive: true });
  let links = 0;
  html = html.replace(/<link\b[^>]*>/g, (tag) => (/\shref="?\/snippets\//.test(tag) ? (links++, '') : tag));
  if (links !== snippets.size) throw new Error(`minify.mjs: ${links} snippet links in index.html for ${snippets.size} snippets`);
  console.log(`bundle-snippets.mjs: ${snippets.size} snippets folded into the loader`);
}

// public/pwa.js too, first in the loader. It is a classic `defer` script,
// one function run at once that publishes window.paixPwa; deferred scripts
// and the page's module script run in document order once the page is
// parsed, and pwa.js is written for the app starting before or after it.
// One response fewer on a first visit, one script fewer on every start.
// The source is read, not Trunk's copy: Trunk's minifier made it call
// `Promise.resolve` unbound (`r=Promise.resolve; … r()`, a TypeError
// wherever no worker is registered). A throw in it is caught: the app
// starts all the same, as it did when pwa.js was a script of its own.
const pwaTags = html.match(/<script\b[^>]*\ssrc="?\/pwa-[0-9a-f]+\.js"?[^>]*><\/script>/g) || [];
if (pwaTags.length !== 1 || !/\sdefer[\s>]/.test(pwaTags[0])) {
  throw new Error(`minify.mjs: ${pwaTags.length} deferred pwa.js scripts in index.html, one expected`);
}
const pwaName = pwaTags[0].match(/\/(pwa-[0-9a-f]+\.js)/)[1];
const pwa = readFileSync(new URL('../public/pwa.js', import.meta.url), 'utf8');
if (!/^\s*(?:\/\*[^]*?\*\/\s*)*\(function \(\) \{\n[^]*\n\}\)\(\);\s*$/.test(pwa)) {
  throw new Error('minify.mjs: public/pwa.js is no longer one function run at once; its names would become the module\'s');
}
source = `try {\n${pwa}\n} catch (e) {\n  console.error(e);\n}\n${source}`;
rmSync(join(dir, pwaName));
html = html.replace(pwaTags[0], '');
console.log(`minify.mjs: public/pwa.js folded into the loader (Trunk's ${pwaName} removed)`);

// One module now: wasm-bindgen's loader.
const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
if (!out.code) throw new Error(`minify.mjs: terser gave nothing for ${file}`);
const renamed = shortNames(wasm, out.code, ownLoader);
out.code = renamed.loader;
console.log(`short-names.mjs: ${renamed.imports} imports and ${renamed.exports} exports renamed`);
if (release) {
  // The packed file, named after what it holds, where index.html named the
  // wasm; the build stops unless it unpacks to the module it was made of.
  const bin = pack(renamed.wasm);
  if (!sameModule(renamed.wasm, unpackWasm(bin, code))) throw new Error('pack-wasm.mjs: the packed wasm does not unpack to the module');
  const binName = `paix-base-${createHash('sha256').update(bin).digest('hex').slice(0, 16)}_bg.bin`;
  const wasmMentions = html.split(`'/${stem}_bg.wasm'`).length - 1;
  if (wasmMentions !== 1) throw new Error(`minify.mjs: index.html names /${stem}_bg.wasm ${wasmMentions} times, once expected`);
  html = html.replace(`'/${stem}_bg.wasm'`, `'/${binName}'`);
  rmSync(wasmPath);
  writeFileSync(join(dir, binName), bin);
  console.log(`pack-wasm.mjs: ${stem}_bg.wasm → ${binName}, ${renamed.wasm.length} → ${bin.length} bytes`);
} else writeFileSync(wasmPath, renamed.wasm);

// A new name from what the file now holds. The server lets browsers keep a
// file whose name carries a hash for a year; Trunk's hash is of the loader
// as wasm-bindgen wrote it, which names the snippets but does not hold
// them, so a change to a snippet alone would keep the old name.
const name = `paix-base-${createHash('sha256').update(out.code, 'utf8').digest('hex').slice(0, 16)}.js`;
rmSync(file);
writeFileSync(join(dir, name), out.code);
const mentions = html.split(`/${stem}.js`).length - 1;
if (mentions === 0) throw new Error(`minify.mjs: index.html does not name /${stem}.js`);
html = html.replaceAll(`/${stem}.js`, `/${name}`);
const integrity = 'sha384-' + createHash('sha384').update(out.code, 'utf8').digest('base64');
// The <link> that preloads the loader, as Trunk writes it (minified or
// not, attributes in any order): its integrity now names the new file.
let preloads = 0;
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  const names = tag.match(/\shref="?([^"\s>]+)/);
  if (!names || names[1] !== `/${name}`) return tag;
  preloads++;
  return tag.replace(/sha384-[A-Za-z0-9+/=]+/, integrity);
});
if (preloads !== 1) throw new Error(`minify.mjs: ${preloads} links preload the loader, one expected`);
writeFileSync(indexPath, html);
console.log(`minify.mjs: ${stem}.js → ${name}, ${source.length} → ${out.code.length} bytes (${mentions} mentions in index.html)`);
