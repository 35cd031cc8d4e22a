#!/usr/bin/env node
// Prints the figures the project is held to: first-visit bytes (brotli) of
// the release build, the dataset's and the map's cost, and load times in
// headless Chromium on a throttled "slow 3G" profile (first and repeat visit).
// Usage: node scripts/bench.mjs [dist]      (make bench builds first)
// Figures, not assertions: nothing here fails on a number.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { startServer, launchPersistent, ROOT } from '../tests/e2e/helpers.mjs';

const dist = process.argv[2] || join(ROOT, 'dist');
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';

// 1. What a first visit downloads: the service worker's precache list, the
//    worker itself, and the manifest icon Chromium fetches to check
//    installability (the 192 px one).
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const precache = [...sw.matchAll(/\["([^"]+)", "sha256-/g)].map((m) => decodeURI(m[1]));
const files = [...precache, '/sw.js', '/icons/icon-192.png'];
let rawTotal = 0, brTotal = 0;
console.log('First visit (brotli -q 11 as served; PNG as is):');
for (const f of files) {
  const body = readFileSync(join(dist, f));
  const raw = body.length;
  const b = f.endsWith('.png') ? raw : br(body);
  rawTotal += raw; brTotal += b;
  console.log(`  ${f.padEnd(44)} ${kb(raw)} raw ${kb(b)} br`);
}
console.log(`  ${'TOTAL'.padEnd(44)} ${kb(rawTotal)} raw ${kb(brTotal)} br   (budget 200 KB: ${brTotal <= 200 * 1024 ? 'within' : 'OVER'})`);

// 2. Parts compiled into the wasm.
const dataset = readFileSync(join(ROOT, 'data', 'dataset.json'));
console.log(`\nEmbedded dataset data/dataset.json        ${kb(dataset.length)} raw ${kb(br(dataset))} br`);
const generated = readFileSync(join(ROOT, 'src', 'map', 'generated.rs'), 'utf8');
const paths = [...generated.matchAll(/d: "([^"]*)"/g)].map((m) => m[1]).join('');
console.log(`Map path data (regions + cercles)          ${kb(paths.length)} raw ${kb(br(Buffer.from(paths)))} br`);

// 3. Load times: Chromium with a fresh profile, 4× CPU slowdown, slow-3G-like
//    network (400 ms RTT, 400 kbit/s down, 400 kbit/s up); then a repeat
//    visit that the service worker serves; then the same with the server down.
const server = await startServer({ dist, dataset: join(ROOT, 'data', 'dataset.json') });
const { context, close } = await launchPersistent();
const page = context.pages()[0] || await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', {
  offline: false, latency: 400, downloadThroughput: 400 * 1024 / 8, uploadThroughput: 400 * 1024 / 8,
});
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const timeToApp = async (label) => {
  const t0 = Date.now();
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  const first = await page.waitForSelector('.brand', { timeout: 120000 }).then(() => Date.now() - t0);
  await page.waitForSelector('main#main h1', { timeout: 120000 });
  const ready = Date.now() - t0;
  console.log(`  ${label.padEnd(40)} first paint of the shell ${String(first).padStart(6)} ms, app ready ${String(ready).padStart(6)} ms`);
};
console.log('\nLoad times (4× CPU slowdown, 400 ms RTT, 400 kbit/s):');
await timeToApp('first visit');
await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120000 });
await timeToApp('repeat visit (service worker)');
await server.stop();
await timeToApp('repeat visit, server stopped');
await close();
