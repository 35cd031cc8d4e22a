// Trunk post_build hook: the Content Security Policy of this build.
//
// The page has two inline scripts (the stored language applied before the
// first paint, and the loader Trunk writes for the wasm); a strict policy
// allows exactly these by their SHA-256, never 'unsafe-inline'. This hook
// hashes them as built (after minification), then
// - writes the policy to `csp.txt` in the build (paix-server sends it as a
//   header, adding `frame-ancestors 'none'`, which a <meta> cannot carry);
// - puts the same policy in a <meta http-equiv> at the top of <head>, for
//   a static host that sends no header.
// Runs before sw-precache.mjs, which hashes the final index.html.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp.mjs runs as a Trunk hook (TRUNK_STAGING_DIR unset)');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error('index.html already has a CSP');

const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
if (hashes.length === 0) throw new Error('no inline script found in index.html');

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  // Bars and map strokes are sized by a style attribute set from data.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  // The sync endpoint and the data URL may be any HTTPS origin, or this
  // device (a deployment narrows it: paix-server --connect-src).
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

writeFileSync(join(dir, 'csp.txt'), policy + '\n');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
// Right after the charset (which must stay in the first 1,024 bytes) and
// before any script: a policy governs only what comes after it.
const at = html.match(/<meta charset=[^>]*>/i) || html.match(/<head>/i);
if (!at) throw new Error('no <head> in index.html');
html = html.slice(0, at.index + at[0].length) + meta + html.slice(at.index + at[0].length);
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline scripts hashed`);
