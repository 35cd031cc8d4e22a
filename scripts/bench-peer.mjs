// A peer in the same run, measured with the same code: the eager
// JavaScript of ODK Web Forms 0.22 (npm @getodk/web-forms): dist/index.js
// and the dist/index-*.js chunks it imports statically, raw, gzip -9 and
// brotli -q 11. The package is fetched once with `npm pack` into
// target/bench/peer (the bench is not the build: the build downloads
// nothing). Its CSS and lazily imported chunks are not counted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { BENCH_DIR, figure } from './bench-lib.mjs';

const VERSION = '0.22.0';
const dir = join(BENCH_DIR, 'peer');
const pkg = join(dir, 'package');
if (!existsSync(join(pkg, 'dist', 'index.js'))) {
  mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', `@getodk/web-forms@${VERSION}`, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tgz], { cwd: dir });
}
const seen = new Set();
const visit = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // Static imports only (`import … from "./x.js"`, `import "./x.js"`, `export … from`); not `import("…")`.
  for (const m of text.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[^'"();]*?\sfrom\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    visit(join(dirname(file), m[1]));
  }
};
visit(join(pkg, 'dist', 'index.js'));
let raw = 0, gz = 0, br = 0;
for (const f of seen) {
  const b = readFileSync(f);
  raw += b.length;
  gz += gzipSync(b, { level: 9 }).length;
  br += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
const KiB = (n) => Math.round(n / 102.4) / 10;
figure('peer', `ODK Web Forms ${VERSION}, eager JS (br)`, KiB(br), 'KiB', null, `${seen.size} files; raw ${KiB(raw)}, gzip ${KiB(gz)} KiB`);
