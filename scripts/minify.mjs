// Trunk post_build hook: minifies the JavaScript modules Trunk leaves as
// they are (its minifier cannot parse wasm-bindgen's loader, and does not
// touch the snippets): the loader `paix-base-*.js` and `snippets/**.js`,
// with terser (npm, a dev dependency). Measured on the build of
// 2026-12-02: 15.0 → 10.3 KiB brotli, and less script to parse on start.
// Then each file's `integrity` in index.html (Trunk's sha384 of the file
// as it was) is written anew. Runs before csp.mjs and sw-precache.mjs,
// which hash the final files. The loader's links to the wasm get short
// names on both sides first (short-names.mjs).
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { minify } from 'terser';
import { shortNames } from './short-names.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('minify.mjs runs as a Trunk hook (TRUNK_STAGING_DIR unset)');

const walk = (d) => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
const files = [
  ...readdirSync(dir).filter((n) => /^paix-base-[0-9a-f]+\.js$/.test(n)).map((n) => join(dir, n)),
  ...walk(join(dir, 'snippets')).filter((p) => p.endsWith('.js')),
];
if (!files.some((p) => /paix-base-[0-9a-f]+\.js$/.test(p))) throw new Error('minify.mjs: no wasm-bindgen loader in the build');

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
let before = 0, after = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code) throw new Error(`minify.mjs: terser gave nothing for ${file}`);
  const loader = file.match(/(paix-base-[0-9a-f]+)\.js$/);
  if (loader) {
    const wasmPath = join(dir, `${loader[1]}_bg.wasm`);
    const renamed = shortNames(readFileSync(wasmPath), out.code);
    writeFileSync(wasmPath, renamed.wasm);
    out.code = renamed.loader;
    console.log(`short-names.mjs: ${renamed.imports} imports and ${renamed.exports} exports renamed`);
  }
  writeFileSync(file, out.code);
  before += source.length;
  after += out.code.length;
  const href = '/' + relative(dir, file).split('\\').join('/');
  const integrity = 'sha384-' + createHash('sha384').update(out.code, 'utf8').digest('base64');
  // The <link> that preloads this file, as Trunk writes it (minified or
  // not, attributes in any order): its integrity now names the new file.
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    const names = tag.match(/\shref="?([^"\s>]+)/);
    if (!names || names[1] !== href) return tag;
    return tag.replace(/sha384-[A-Za-z0-9+/=]+/, integrity);
  });
}
writeFileSync(indexPath, html);
console.log(`minify.mjs: ${files.length} modules, ${before} → ${after} bytes`);
