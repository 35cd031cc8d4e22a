#!/usr/bin/env node
// Writes the service worker's precache list: every file of a build except
// sw.js itself, the .br/.gz siblings and the icons, each with its SHA-256 (SRI form),
// the build's other files (OTHER: sw.js and the icons, which the worker leaves
// to the network), and a VERSION hashed from all of them plus the worker's own
// code. It replaces
// the block between "// <precache>" and "// </precache>" in <dir>/sw.js, so it
// can be run again on the same directory.
//
//   Trunk post_build hook:  node scripts/sw-precache.mjs   (uses $TRUNK_STAGING_DIR)
//   by hand:                node scripts/sw-precache.mjs dist
//
// The worker is a copied file, which Trunk does not minify: this script drops
// its comments (the header, whole-line // and /** */ comments) and indentation
// (so sw.js must not hold a string that spans lines), then minifies the code
// after the block with terser: its local names shortened, 0.3 KiB of brotli
// (2,666 → 2,363 bytes on the build of 2026-12-04). The block stays as it is
// written (the tests and the bench read it); its names are globals to the
// code after it, which terser leaves alone. Minified code has no line
// breaks: a worker already minified is not minified again, so the version
// hashed from the code is the same on a second run.
// A debug build (TRUNK_PROFILE=debug, e.g. `trunk serve`) gets an empty list:
// the worker then answers nothing and development always sees fresh files.
// Run it before scripts/precompress.sh; run by hand on a precompressed
// directory, it deletes the now stale sw.js.br / sw.js.gz (precompress again).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const SW = 'sw.js';
const BLOCK = /\/\/ <precache>\n[\s\S]*?\/\/ <\/precache>\n/;

function* walk(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue; // .stage and the like
    const full = join(d, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

const swPath = join(dir, SW);
const sw = readFileSync(swPath, 'utf8')
  .replace(/^\/\*[\s\S]*?\*\/\n/, '')
  .split('\n')
  .filter((line) => !/^\s*(\/\/(?! <\/?precache>)|\/\*\*.*\*\/$)/.test(line))
  .map((line) => line.trimStart())
  .join('\n');
const found = sw.match(BLOCK);
if (!found) {
  console.error(`sw-precache: no "// <precache>" block in ${swPath}`);
  process.exit(1);
}
const STRICT = "'use strict';\n\n";
const end = found.index + found[0].length;
if (!sw.startsWith(STRICT) || found.index !== STRICT.length) {
  console.error(`sw-precache: ${swPath} must start with ${JSON.stringify(STRICT)} and the block`);
  process.exit(1);
}
let tail = sw.slice(end);
if (tail.trimEnd().includes('\n')) {
  // Minified as the strict code it is, without the directive after.
  const out = await minify(STRICT + tail, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code || !out.code.startsWith('"use strict";')) {
    console.error('sw-precache: terser gave no strict code for the worker');
    process.exit(1);
  }
  tail = out.code.slice('"use strict";'.length) + '\n';
}
const code = sw.slice(0, end) + tail;

const debug = process.env.TRUNK_PROFILE === 'debug';
const all = debug ? [] : [...walk(dir)]
  .map((full) => ({ full, path: '/' + relative(dir, full).split(sep).join('/') }))
  .filter(({ path }) => !/\.(br|gz)$/.test(path))
  .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
// Icons are left out: the browser fetches the manifest's icons itself when
// it installs the app, and no page shows them (13 KB saved on a first visit).
// csp.txt is the server's, never the page's.
const precached = ({ path }) => path !== '/' + SW && !path.startsWith('/icons/') && path !== '/csp.txt';
const files = all.filter(precached);
const other = all.filter((f) => !precached(f)).map(({ path }) => encodeURI(path));

const version = createHash('sha256');
version.update(code.replace(BLOCK, ''));
let bytes = 0;
const entries = files.map(({ full, path }) => {
  const body = readFileSync(full);
  bytes += body.length;
  const integrity = 'sha256-' + createHash('sha256').update(body).digest('base64');
  version.update(`${path} ${integrity}\n`);
  return [encodeURI(path), integrity];
});
version.update(`other ${other.join(' ')}\n`);
if (debug) version.update(String(Date.now()));
const v = version.digest('hex').slice(0, 16);

const block = '// <precache>\n'
  + `const VERSION = '${v}';\n`
  + 'const PRECACHE = [\n'
  + entries.map(([p, i]) => `  [${JSON.stringify(p)}, ${JSON.stringify(i)}],\n`).join('')
  + '];\n'
  + `const OTHER = ${JSON.stringify(other)};\n`
  + '// </precache>\n';
writeFileSync(swPath, code.replace(BLOCK, () => block));
for (const ext of ['.br', '.gz']) rmSync(swPath + ext, { force: true });
console.log(`sw-precache: ${debug ? 'debug build, nothing precached; ' : ''}${entries.length} files, ${bytes} bytes, version ${v}`);
